// Bootstraps built in one run share their common parts (generator/envoy/shared-parts.ts), and the
// emitter writes each shared part once: neither may change a byte of any bootstrap.
import { test } from "node:test";
import assert from "node:assert/strict";
import { bootstrap } from "../../generator/envoy/index.ts";
import { emitYaml } from "../../generator/emit/index.ts";
import { bootstrapHeader, generate } from "../../generator/pipeline.ts";
import { syntheticMesh } from "../../bench/generator/synthetic-mesh.ts";
import { loadCases } from "./support/cases.ts";

function assertSameAsFresh(name: string, files: { path: string; text: string }[], options: object) {
  const r = generate({ files, options });
  assert.equal(r.outputs.length, r.plans.length, `${name}: every workload has a bootstrap`);
  r.plans.forEach((plan, i) => {
    assert.equal(r.outputs[i].text, emitYaml(bootstrap(plan), bootstrapHeader(plan)), `${name}: ${plan.workload}`);
  });
}

test("shared parts: every golden bootstrap is byte for byte the one built alone", () => {
  let checked = 0;
  for (const c of loadCases()) {
    if (c.options.filters === "native") continue;
    const r = generate({ files: c.files, options: c.options });
    if (r.outputs.length === 0) continue;
    assertSameAsFresh(c.name, c.files, c.options);
    checked++;
  }
  assert.ok(checked >= 3, `only ${checked} golden cases generate`);
});

test("shared parts: the synthetic mesh's sidecars, byte for byte the ones built alone", () => {
  assertSameAsFresh("synthetic", syntheticMesh({ services: 40, routes: 40, policies: 120, workloads: 5 }), { wasmDir: "/w" });
});
