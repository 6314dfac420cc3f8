// The fast YAML reader (generator/resources/fast-yaml.ts) must never change what the resources
// stage sees: for every file it accepts, the documents, values and field positions are those of
// the full `yaml` parser, and a file with any problem goes to the full parser (which reports it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseYamlFile } from "../../generator/resources/parse.ts";
import { fastParseYaml } from "../../generator/resources/fast-yaml.ts";
import { syntheticMesh } from "../../bench/generator/synthetic-mesh.ts";

const root = join(fileURLToPath(import.meta.url), "..", "..", "..");

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(d.name) ? [p] : [];
  }).sort();
}

const corpus = [...yamlFiles(join(root, "test")), ...yamlFiles(join(root, "mesh"))]
  .map((p) => ({ path: p.slice(root.length + 1), text: readFileSync(p, "utf8") }));

function sameAsFullParser(path: string, text: string): boolean {
  const fast = parseYamlFile(path, text);
  const full = parseYamlFile(path, text, { full: true });
  assert.deepEqual(fast, full, `${path}: the fast reader and the full parser disagree`);
  return fastParseYaml(text) !== undefined;
}

test("fast YAML: every mesh file of the repository reads as with the full parser", () => {
  let accepted = 0;
  for (const f of corpus) if (sameAsFullParser(f.path, f.text)) accepted++;
  assert.ok(accepted >= corpus.length * 0.8, `the fast reader took only ${accepted} of ${corpus.length} files`);
});

test("fast YAML: the synthetic benchmark mesh takes the fast path, with the full parser's result", () => {
  for (const f of syntheticMesh({ services: 30, routes: 30, policies: 90, workloads: 4 })) {
    assert.ok(sameAsFullParser(f.path, f.text), `${f.path} went to the full parser`);
  }
});

test("fast YAML: what the full parser reads differently or rejects is left to it", () => {
  const cases = [
    "a: 0x1F\n", "a: 1.5\n", "a: .inf\n", "a: 1e3\n", "a: 12345678901234567890\n", "a: yes\n", "a: ~\n",
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: |\n  text\n", "a: >\n  text\n", "a: b\n  c\n", "a: 'x\n  y'\n",
    "a: 1\na: 2\n", "a: {b: 1, b: 2}\n", "? a\n: 1\n", "%YAML 1.1\n---\na: yes\n", "a: 1\n...\n", "a:\n\tb: 1\n",
    "a: b: c\n", "a: [1, 2,]\n", "a: {b}\n", "a: [b: 1]\n", "__proto__: 1\n", "<<: {a: 1}\n", "a:\nb: 1\n",
    "- - a\n", "a: \"\\x41\"\n", "a: [1,\n  2]\n", "1: a\n", "true: a\n", "a: b #c\nd: 'e' # f\n", "a: -1\n",
    "a:\n- x\n- y\nb: 2\n", "---\na: 1\n---\n\n---\nb: 2\n", "# c\n", "", "  a: 1\n  b: [x, 'y''z', \"w\"]\n",
    "a: {b: {c: [d, {e: f}]}}\n", "a: \"q\\\"\\n\\u00e9\"\n", "a:b: c\n", "a: x\r\n", "\ufeffa: 1\n",
  ];
  for (const text of cases) sameAsFullParser(JSON.stringify(text), text);
});

test("fast YAML: edits of every repository file read as with the full parser", () => {
  const pieces = [" ", "  ", "-", "- ", ":", ": ", "#", " #", "'", "\"", "{", "}", "[", "]", ",", "\n", "\n  ",
    "---\n", "0x1", "1.5", "~", "null", "true", "&a ", "*a", "!t ", "|", ">", "?", "%", "\\", "\\n", "k: v", "- a",
    "\n- ", "\nk:", "-1", "007", "a: b: c", "__proto__", "é", "\"a\": 1", "[a, b]", "{a: 1}", "''"];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const small = corpus.filter((f) => f.text.length < 20_000);
  for (let n = 0; n < 2000; n++) {
    let text = small[next(small.length)].text;
    for (let k = 1 + next(3); k > 0; k--) {
      const at = next(text.length + 1);
      const op = next(3);
      if (op === 0) text = text.slice(0, at) + pieces[next(pieces.length)] + text.slice(at);
      else if (op === 1) text = text.slice(0, at) + text.slice(at + 1 + next(5));
      else {
        const lines = text.split("\n");
        lines.splice(next(lines.length), 1);
        text = lines.join("\n");
      }
    }
    sameAsFullParser(`edit ${n}`, text);
  }
});
