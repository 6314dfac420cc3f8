// The three Envoys under test, built from the generator's plan for the bench mesh's one sidecar.
// Generated sidecars judge requests on the inbound listener and route them on the outbound one;
// here one listener must do both, so the plan's outbound listener also gets the inbound
// listener's auth-policy configuration (Istio runs RBAC and JWT on outbound the same way for
// gateways), and the inbound listener is dropped. Then:
//   router — the outbound listener with no filter but the router, one route to the backend;
//   wasm   — generator/envoy's bootstrap: auth-policy, route-match, access-log, router;
//   native — generator/envoy/native's: jwt_authn, RBAC, a route table, the file access log.
import assert from "node:assert/strict";
import { generate } from "../../generator/pipeline.ts";
import { bootstrap } from "../../generator/envoy/index.ts";
import { nativeBootstrap } from "../../generator/envoy/native/index.ts";
import type { WorkloadPlan } from "../../generator/plan/index.ts";
import type { EnvoyObject } from "../../generator/envoy/types.ts";
import { benchMesh } from "./mesh.ts";
import { SINGLE_FILTER_CONFIGS, singleFilterBootstrap } from "./single-filter.ts";

export const CONFIGS = ["router", "wasm", "native"] as const;
/** All configurations `--configs` may name: the default three and the single-filter ones. */
export const ALL_CONFIGS = [...CONFIGS, ...SINGLE_FILTER_CONFIGS] as const;
export type ConfigName = (typeof ALL_CONFIGS)[number];

export interface BenchPorts {
  listener: number;
  admin: number;
  upstream: number;
}

function onePlan(ports: BenchPorts, wasmDir: string): WorkloadPlan {
  const r = generate({ files: benchMesh(ports.upstream), options: { wasmDir, outboundPort: ports.listener, adminPort: ports.admin } });
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  assert.deepEqual(errors, [], "the bench mesh must generate cleanly");
  return r.plans[0];
}

function oneListener(plan: WorkloadPlan): WorkloadPlan {
  const inbound = plan.listeners.find((l) => l.direction === "inbound")!;
  const outbound = plan.listeners.find((l) => l.direction === "outbound")!;
  return { ...plan, listeners: [{ ...outbound, filters: { ...outbound.filters, authPolicy: inbound.filters.authPolicy } }] };
}

function routerOnly(plan: WorkloadPlan): WorkloadPlan {
  const outbound = plan.listeners[0];
  const backend = plan.clusters.find((c) => c.name.startsWith("outbound|"))!;
  return { ...plan, listeners: [{ ...outbound, localCluster: backend.name, routes: [], filters: {} }] };
}

export function benchBootstraps(ports: BenchPorts, wasmDir: string): Record<ConfigName, EnvoyObject> {
  const plan = oneListener(onePlan(ports, wasmDir));
  const router = bootstrap(routerOnly(plan)), wasm = bootstrap(plan);
  const out = { router, wasm, native: nativeBootstrap(plan) } as Record<ConfigName, EnvoyObject>;
  for (const name of SINGLE_FILTER_CONFIGS) out[name] = singleFilterBootstrap(name, router, wasm, wasmDir);
  return out;
}
