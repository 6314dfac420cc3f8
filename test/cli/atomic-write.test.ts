import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFolderAtomically } from "../../generator/cli/atomic-write.ts";

const fresh = () => mkdtempSync(join(tmpdir(), "wasmesh-atomic-"));

test("replaces the whole folder: new files in, files no longer generated out", () => {
  const parent = fresh();
  const out = join(parent, "out");
  mkdirSync(out);
  writeFileSync(join(out, "old.yaml"), "old");
  writeFileSync(join(out, "keep.yaml"), "v1");
  writeFolderAtomically(out, [{ path: "keep.yaml", text: "v2" }, { path: "sub/new.yaml", text: "n" }]);
  assert.deepEqual(readdirSync(out).sort(), ["keep.yaml", "sub"]);
  assert.equal(readFileSync(join(out, "keep.yaml"), "utf8"), "v2");
  assert.deepEqual(readdirSync(parent), ["out"], "no staging or backup folders left");
});

test("paths that leave the output folder are refused before anything is written", () => {
  const parent = fresh();
  const out = join(parent, "out");
  for (const path of ["../escape.yaml", "/abs.yaml", "a/../../x.yaml", ""]) {
    assert.throws(() => writeFolderAtomically(out, [{ path: "ok.yaml", text: "x" }, { path, text: "x" }]), /outside the output folder/);
  }
  assert.deepEqual(readdirSync(parent), []);
});

test("a failure while writing leaves the previous folder as it was", { skip: process.getuid?.() === 0 ? "root ignores permissions" : false }, () => {
  const parent = fresh();
  const out = join(parent, "out");
  mkdirSync(out);
  writeFileSync(join(out, "a.yaml"), "before");
  chmodSync(parent, 0o555);
  try {
    assert.throws(() => writeFolderAtomically(out, [{ path: "a.yaml", text: "after" }]));
  } finally {
    chmodSync(parent, 0o755);
  }
  assert.equal(readFileSync(join(out, "a.yaml"), "utf8"), "before");
  assert.deepEqual(readdirSync(parent), ["out"]);
});

test("a file where a folder must go fails the write and keeps the old output", () => {
  const parent = fresh();
  const out = join(parent, "out");
  mkdirSync(out);
  writeFileSync(join(out, "a.yaml"), "before");
  assert.throws(() => writeFolderAtomically(out, [{ path: "x", text: "file" }, { path: "x/y.yaml", text: "under a file" }]));
  assert.equal(readFileSync(join(out, "a.yaml"), "utf8"), "before");
  assert.deepEqual(readdirSync(parent), ["out"]);
});
