// Same input, same bytes: shuffling the documents inside each file and the order of the files
// changes no output byte.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generate } from "../../generator/pipeline.ts";
import { loadCases } from "./support/cases.ts";

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function shuffleDocuments(text: string, random: () => number): string {
  const docs = text.split(/^---[ \t]*$/m).filter((d) => d.trim() !== "" && !/^(\s*#.*\n?)*\s*$/.test(d));
  return shuffle(docs, random).map((d) => d.replace(/^\n+/, "")).join("\n---\n");
}

for (const c of loadCases().filter((c) => !c.name.startsWith("invalid"))) {
  test(`determinism: ${c.name} with shuffled documents and files`, () => {
    const baseline = generate({ files: c.files, options: c.options });
    assert.ok(baseline.outputs.length > 0 || c.name === "no-workloads");
    for (let seed = 1; seed <= 5; seed++) {
      const random = rng(seed);
      const files = shuffle(c.files.map((f) => ({ path: f.path, text: f.path.includes("compose") ? f.text : shuffleDocuments(f.text, random) })), random);
      const again = generate({ files, options: c.options });
      assert.deepEqual(again.outputs, baseline.outputs, `seed ${seed}`);
      assert.deepEqual(again.diagnostics.map((d) => d.code).sort(), baseline.diagnostics.map((d) => d.code).sort(), `seed ${seed}`);
    }
  });
}
