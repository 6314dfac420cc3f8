// Admin on loopback (never on the workload's public address): /ready, /stats/prometheus.
import type { WorkloadPlan } from "../plan/index.ts";
import type { EnvoyObject } from "./types.ts";

export function admin(plan: WorkloadPlan): EnvoyObject {
  return { address: { socket_address: { address: plan.admin.address, port_value: plan.admin.port } } };
}

/** Stats: Prometheus text from the admin endpoint; wasm filters' metrics keep their names. */
export function statsConfig(): EnvoyObject {
  return { stats_tags: [], use_all_default_tags: true };
}
