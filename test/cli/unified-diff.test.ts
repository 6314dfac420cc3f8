import { test } from "node:test";
import assert from "node:assert/strict";
import { unifiedDiff } from "../../generator/cli/unified-diff.ts";

test("unified diff: one changed line with context", () => {
  const a = "a\nb\nc\nd\ne\nf\ng\nh\n";
  const b = "a\nb\nc\nd\nE\nf\ng\nh\n";
  assert.equal(unifiedDiff("x.yaml", a, b), "--- a/x.yaml\n+++ b/x.yaml\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
});

test("unified diff: added and removed files", () => {
  assert.equal(unifiedDiff("n.yaml", undefined, "x\ny\n"), "--- /dev/null\n+++ b/n.yaml\n@@ -0,0 +1,2 @@\n+x\n+y\n");
  assert.equal(unifiedDiff("o.yaml", "x\n", undefined), "--- a/o.yaml\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-x\n");
});

test("unified diff: far-apart changes make separate hunks; equal texts make none", () => {
  const a = Array.from({ length: 20 }, (_, i) => `l${i}`).join("\n") + "\n";
  const b = a.replace("l1\n", "L1\n").replace("l18\n", "L18\n");
  const hunks = unifiedDiff("f", a, b).split("\n").filter((l) => l.startsWith("@@"));
  assert.deepEqual(hunks, ["@@ -1,5 +1,5 @@", "@@ -16,5 +16,5 @@"]);
  assert.equal(unifiedDiff("f", a, a), "--- a/f\n+++ b/f\n");
});
