// Malformed input never crashes the generator and always yields a positioned diagnostic:
// truncations of every golden mesh, values of the wrong type, deep nesting, alias bombs, huge files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generate } from "../../generator/pipeline.ts";
import type { Diagnostic } from "../../generator/diagnostics/index.ts";
import { loadCases } from "./support/cases.ts";

function positioned(diagnostics: Diagnostic[], file: string): boolean {
  return diagnostics.some((d) => d.severity === "error" && d.file === file && d.line >= 1 && d.column >= 1);
}

function run(files: { path: string; text: string }[]) {
  return generate({ files, options: {} });
}

test("fuzz: truncations of every golden mesh never crash; errors are always positioned", () => {
  let truncations = 0;
  for (const c of loadCases()) {
    for (const f of c.files) {
      const step = Math.max(1, Math.floor(f.text.length / 25));
      for (let cut = 1; cut < f.text.length; cut += step) {
        const files = c.files.map((g) => (g === f ? { path: g.path, text: g.text.slice(0, cut) } : g));
        const r = run(files);
        truncations++;
        for (const d of r.diagnostics) {
          if (d.code === "WM009") continue;
          assert.ok(d.file !== "" && d.line >= 1 && d.column >= 1, `${c.name}/${f.path}@${cut}: unpositioned ${JSON.stringify(d)}`);
        }
        if (r.diagnostics.some((d) => d.severity === "error")) assert.equal(r.outputs.length, 0, "nothing is written on error");
      }
    }
  }
  assert.ok(truncations > 100);
});

test("fuzz: every scalar of a resource replaced by a value of another type is reported at that line", () => {
  const base = "apiVersion: linkerd.io/v1alpha2\nkind: VirtualService\nmetadata: {name: web}\nspec:\n  hosts: [web]\n  http:\n  - name: r\n    timeout: 2s\n    route:\n    - destination: {host: web}\n      weight: 5\n";
  const lines = base.split("\n");
  const replacements = ["[1, 2]", "{a: 1}", "true", "-7", "null", "\"\""];
  let checked = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*(?:- )?[\w]+: )([^{[\s].*)$/.exec(lines[i]);
    if (!m || /apiVersion|kind/.test(lines[i])) continue;
    for (const value of replacements) {
      const text = [...lines.slice(0, i), m[1] + value, ...lines.slice(i + 1)].join("\n");
      const r = run([{ path: "mesh.yaml", text }]);
      const onLine = r.diagnostics.some((d) => d.file === "mesh.yaml" && d.line === i + 1 && d.severity === "error");
      assert.ok(onLine, `line ${i + 1} = ${value}: ${JSON.stringify(r.diagnostics)}`);
      checked++;
    }
  }
  assert.equal(checked, 3 * replacements.length);
});

test("fuzz: hostile documents are refused with a positioned input-too-large or syntax diagnostic", () => {
  const cases: [string, string][] = [
    ["deep-flow", "a: " + "[".repeat(20000) + "]".repeat(20000) + "\n"],
    ["deep-block", Array.from({ length: 300 }, (_, i) => " ".repeat(i) + "k:").join("\n") + " 1\n"],
    ["alias-bomb", "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"],
    ["huge", "a: " + "x".repeat(9_000_000) + "\n"],
    ["binary", "\u0000\u0001\uffff: ]["],
    ["tabs", "kind:\tService\n\tspec: 1\n"],
    ["duplicate-keys", "kind: Service\nkind: Service\n"],
    ["scalar", "42\n"],
  ];
  for (const [name, text] of cases) {
    const r = run([{ path: `${name}.yaml`, text }]);
    assert.ok(positioned(r.diagnostics, `${name}.yaml`), `${name}: ${JSON.stringify(r.diagnostics)}`);
    assert.equal(r.outputs.length, 0);
  }
});

test("fuzz: many services in one large file are accepted", () => {
  const docs = Array.from({ length: 2000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\nspec: {ports: [{port: 80}]}\n`);
  const r = run([{ path: "big.yaml", text: docs.join("---\n") }]);
  assert.deepEqual(r.diagnostics.map((d) => d.code), ["WM009"]);
});
