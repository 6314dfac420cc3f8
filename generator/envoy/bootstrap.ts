// The envoy stage: a workload plan → an Envoy bootstrap v3 object.
import type { WorkloadPlan } from "../plan/index.ts";
import { admin, statsConfig } from "./admin.ts";
import { cluster } from "./clusters.ts";
import { listener } from "./listeners.ts";
import type { SharedParts } from "./shared-parts.ts";
import type { EnvoyObject } from "./types.ts";

/** With `parts`, what this bootstrap has in common with others built with them is shared (read-only). */
export function bootstrap(plan: WorkloadPlan, parts?: SharedParts): EnvoyObject {
  return {
    node: { id: plan.node.id, cluster: plan.node.cluster },
    admin: admin(plan),
    stats_config: statsConfig(),
    static_resources: {
      listeners: plan.listeners.map((l) => listener(l, plan.wasmDir, parts)),
      clusters: plan.clusters.map((c) => cluster(c, parts)),
    },
  };
}
