// The differential suite: every scenario under test/scenarios/ through real Envoy 1.40 and
// through the TS host. Envoy must meet the expectations, and the two engines must agree on
// everything a user observes (status, upstream, path, upstream headers, response headers,
// local-reply bodies, metric deltas). One Envoy per distinct setup.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { loadScenarios } from "../host/scenario-kit/load.ts";
import { runOnHost } from "../host/scenario-kit/on-host.ts";
import { comparable, mismatches } from "../host/scenario-kit/check.ts";
import type { Scenario } from "../host/scenario-kit/types.ts";
import { fixtureWasm } from "../host/fixtures/build.ts";
import { runOnEnvoy, setupKey, startFor } from "./on-envoy.ts";
import type { EnvoyUnderTest } from "./envoy-harness.ts";

const scenarios = loadScenarios();
const envoys = new Map<string, Promise<EnvoyUnderTest>>();
// The fixture must exist before Envoy loads it from build/fixtures/.
if (scenarios.some((s) => s.filter.startsWith("fixtures/"))) fixtureWasm("probe");

function envoyFor(s: Scenario): Promise<EnvoyUnderTest> {
  const key = setupKey(s);
  if (!envoys.has(key)) envoys.set(key, startFor(s));
  return envoys.get(key)!;
}

after(async () => {
  await Promise.all([...envoys.values()].map(async (e) => (await e).stop()));
});

for (const scenario of scenarios) {
  test(`${scenario.file}: Envoy and host agree`, { skip: scenario.hostOnly }, async () => {
    // Files that fail the VM (traps) get an Envoy of their own so they cannot affect others.
    const own = scenario.cases.some((c) => c.request.headers?.["x-probe"] === "trap");
    const envoy = own ? await startFor(scenario) : await envoyFor(scenario);
    try {
      const onEnvoy = await runOnEnvoy(envoy, scenario);
      const onHost = runOnHost(scenario);
      const problems = scenario.cases.flatMap((c, i) => mismatches(c.expect, onEnvoy.observations[i]).map((p) => `envoy: ${c.name}: ${p}`));
      assert.deepEqual(problems, []);
      scenario.cases.forEach((c, i) => {
        assert.deepEqual(comparable(onHost.observations[i], scenario.compareLogs), comparable(onEnvoy.observations[i], scenario.compareLogs), `${c.name}: host differs from Envoy`);
      });
      for (const name of new Set([...Object.keys(onHost.metrics), ...Object.keys(onEnvoy.metrics)])) {
        assert.equal(onHost.metrics[name] ?? 0, onEnvoy.metrics[name] ?? 0, `metric ${name}`);
      }
    } finally {
      if (own) await envoy.stop();
    }
  });
}
