// Bounded fuzz runs (a few thousand requests each): no trap, no host invariant error, and guest
// memory flat after warm-up. Longer runs: test/host/fuzz-run.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { projectRoot } from "../support/paths.ts";
import { fuzz } from "./fuzz/fuzz.ts";
import { FUZZ_TARGETS } from "./fuzz/targets.ts";
import { randomRequest, rng } from "./fuzz/random-requests.ts";

test("the generator is deterministic per seed", () => {
  const a = rng(42), b = rng(42);
  for (let i = 0; i < 50; i++) assert.deepEqual(randomRequest(a), randomRequest(b));
});

for (const [filter, target] of Object.entries(FUZZ_TARGETS)) {
  test(`${filter}: 3000 random requests, no trap, no invariant error, flat memory`, () => {
    const report = fuzz({ ...target, wasm: join(projectRoot, "build", `${filter}.wasm`), name: filter, requests: 3000, seed: 20261125 });
    assert.deepEqual(report.traps.map((t) => t.log), []);
    assert.deepEqual(report.invariantErrors.map((e) => e.error), []);
    assert.equal(report.requests, 3000);
    assert.ok(report.memory.atEnd <= report.memory.at50, `memory grew: ${JSON.stringify(report.memory)}`);
  });
}
