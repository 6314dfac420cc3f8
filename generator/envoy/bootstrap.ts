// The envoy stage: a workload plan → an Envoy bootstrap v3 object.
import type { WorkloadPlan } from "../plan/index.ts";
import { admin, statsConfig } from "./admin.ts";
import { cluster } from "./clusters.ts";
import { listener } from "./listeners.ts";
import type { EnvoyObject } from "./types.ts";

export function bootstrap(plan: WorkloadPlan): EnvoyObject {
  return {
    node: { id: plan.node.id, cluster: plan.node.cluster },
    admin: admin(plan),
    stats_config: statsConfig(),
    static_resources: {
      listeners: plan.listeners.map((l) => listener(l, plan.wasmDir)),
      clusters: plan.clusters.map(cluster),
    },
  };
}
