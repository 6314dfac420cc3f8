// The driver of the instruction-count and footprint benchmarks (bench/icount/guest.mjs), without
// valgrind: every scenario's filter accepts its configuration and serves the fixed request set,
// and a filter that refuses its configuration fails the run instead of being counted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot, wasmPath } from "../support/paths.ts";
import { scenarios, type Scenario } from "../../bench/icount/scenarios.ts";

const guest = join(projectRoot, "bench", "icount", "guest.mjs");
const dir = mkdtempSync(join(tmpdir(), "wasmesh-guest-test-"));

function runGuest(scenario: Scenario, ...args: string[]): string {
  const file = join(dir, "scenario.json");
  writeFileSync(file, JSON.stringify(scenario));
  return execFileSync(process.execPath, [guest, file, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

test("every scenario runs its requests and reports linear memory", async () => {
  for (const [name, scenario] of Object.entries(await scenarios())) {
    const m = JSON.parse(runGuest(scenario, "2000", "memory"));
    assert.ok(m.afterStart >= 65536, `${name}: ${m.afterStart}`);
    assert.ok(m.afterRequests >= m.afterWarmup && m.afterWarmup >= m.afterStart, `${name}: ${JSON.stringify(m)}`);
    assert.equal(m.requests, 2000);
  }
});

test("the counting mode (markers around N and 2N requests) runs without valgrind", async () => {
  const { noop } = await scenarios();
  assert.equal(runGuest(noop, "10"), "");
});

test("a filter that refuses its configuration fails the run", () => {
  const broken: Scenario = { wasm: wasmPath("route-match"), config: "{not json", requests: [{ request: [[":path", "/"]], response: [] }] };
  assert.throws(() => runGuest(broken, "10", "memory"), /refused its configuration/);
});
