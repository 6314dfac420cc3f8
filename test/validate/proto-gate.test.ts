// The CLI's proto gate reads repeated parts of the bootstraps once and checks them once; a
// problem in a repeated part is still reported in every file and at every place it occurs, also
// when the bootstraps come in the pieces the emitter wrote them in (shared parts as pieces).
import { test } from "node:test";
import assert from "node:assert/strict";
import { emitYaml, emitYamlPieces, piecesOf, withPieces } from "../../generator/emit/index.ts";
import { SharedParts } from "../../generator/envoy/index.ts";
import { protoGate } from "../../generator/cli/proto-gate.ts";
import { validateBootstrap } from "../../generator/validate/validate-bootstrap.ts";
import { readAnyYamlAsEnvoy } from "../../generator/validate/envoy-yaml.ts";
import { richBootstrap } from "./fixtures/rich-bootstrap.ts";

/** The rich bootstrap with its clusters repeated, and `edit` applied to cluster copies it picks. */
function bootstrapText(edit: (cluster: any, index: number) => void): string {
  const b = richBootstrap("/tmp/certs") as any;
  const clusters = b.static_resources.clusters;
  b.static_resources.clusters = [...clusters, ...clusters, ...clusters].map((c: any, i: number) => {
    const copy = structuredClone(c);
    copy.name = `${c.name}-${i}`;
    edit(copy, i);
    return copy;
  });
  return emitYaml(b);
}

/** What checking each file alone, read by the full YAML reader, finds. */
function unshared(outputs: { path: string; text: string }[]) {
  return outputs.flatMap((o) => validateBootstrap(readAnyYamlAsEnvoy(o.text)).map((p) => ({ file: o.path, ...p })));
}

test("repeated valid parts pass", () => {
  const text = bootstrapText(() => {});
  assert.deepEqual(protoGate([{ path: "a.yaml", text }, { path: "b.yaml", text }]), []);
});

test("a problem in a repeated part is reported in every file, at every occurrence", () => {
  const text = bootstrapText((c) => {
    c.circuit_breakers = { thresholds: [{ priority: "DEFAULT", max_retries: -3 }, { priority: "HIGH", max_retries: 1 }] };
    c.outlier_detection = { interval: "10x", consecutive_5xx: 5 };
  });
  const other = bootstrapText((c, i) => { if (i % 2) c.lb_policy = "NOT_A_POLICY"; });
  const outputs = [{ path: "a.yaml", text }, { path: "b.yaml", text: other }, { path: "c.yaml", text }];
  const found = protoGate(outputs);
  assert.deepEqual(found, unshared(outputs));
  assert.ok(found.some((f) => f.file === "c.yaml" && /thresholds\[0\]\.max_retries$/.test(f.path)));
  assert.ok(found.some((f) => f.file === "b.yaml" && /clusters\[1\]\.lb_policy$/.test(f.path)));
});

/** Bootstraps whose clusters hold shared parts (one run's SharedParts), emitted in pieces. */
function sharedOutputs(bad: boolean) {
  const parts = new SharedParts();
  return ["a.yaml", "b.yaml", "c.yaml"].map((path, file) => {
    const b = richBootstrap(`/tmp/certs-${file}`) as any;
    const clusters = b.static_resources.clusters;
    b.static_resources.clusters = [...clusters, ...clusters].map((c: any, i: number) => ({
      ...c,
      name: `${c.name}-${i}`,
      circuit_breakers: parts.part("breakers", () => ({ thresholds: [{ priority: "DEFAULT", max_retries: bad ? -3 : 3 }] })),
      outlier_detection: parts.part(`outlier ${i % 2}`, () => ({ interval: bad && i % 2 ? "10x" : "10s", consecutive_5xx: 5 })),
    }));
    const pieces = emitYamlPieces(b, `file ${path}`, parts.objects);
    return withPieces({ path, text: pieces.join("") }, pieces);
  });
}

test("bootstraps in pieces: shared parts pass, and problems in them are found as in each file alone", () => {
  assert.deepEqual(protoGate(sharedOutputs(false)), []);
  const outputs = sharedOutputs(true);
  const found = protoGate(outputs);
  assert.deepEqual(found, unshared(outputs));
  for (const file of ["a.yaml", "b.yaml", "c.yaml"]) {
    assert.ok(found.some((f) => f.file === file && /clusters\[1\]\.circuit_breakers\.thresholds\[0\]\.max_retries$/.test(f.path)), file);
    assert.ok(found.some((f) => f.file === file && /clusters\[1\]\.outlier_detection\.interval$/.test(f.path)), file);
  }
});

test("pieces that do not make up the text are not trusted: the text is what is checked", () => {
  const [a, b] = sharedOutputs(false);
  // b's text with a problem of the same length inside a shared part, presented with b's pieces.
  const text = b.text.replace(/interval: 10s/g, "interval: 10x");
  const outputs = [a, withPieces({ path: b.path, text }, piecesOf(b)!)];
  const found = protoGate(outputs);
  assert.deepEqual(found, unshared(outputs));
  assert.ok(found.some((f) => f.file === b.path && /outlier_detection\.interval$/.test(f.path)));
});
