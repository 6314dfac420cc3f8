// Every scenario under test/scenarios/ on the TS host: each request's observation meets the
// file's expectations; metric deltas match.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadScenarios } from "./scenario-kit/load.ts";
import { runOnHost } from "./scenario-kit/on-host.ts";
import { mismatches } from "./scenario-kit/check.ts";

for (const scenario of loadScenarios()) {
  test(`${scenario.file}: ${scenario.description}`, () => {
    const { observations, metrics } = runOnHost(scenario);
    const problems = scenario.cases.flatMap((c, i) => mismatches(c.expect, observations[i]).map((p) => `${c.name}: ${p}`));
    for (const [name, value] of Object.entries(scenario.metrics ?? {})) {
      if (metrics[name] !== value) problems.push(`metric ${name}: expected ${value}, got ${metrics[name]}`);
    }
    assert.deepEqual(problems, []);
  });
}
