// The plan stage: the model → one plan per workload (its listeners, clusters, Envoy routes and
// filter configurations).
import type { Diagnostic } from "../diagnostics/index.ts";
import type { Model } from "../model/index.ts";
import { planAccessLog } from "./access-log-config.ts";
import { planAuthPolicy, type FileLookup } from "./auth-policy-config.ts";
import { planClusters, type ClusterBases } from "./clusters.ts";
import { certFiles, inboundCluster, isIpAddress } from "./names.ts";
import { appPorts } from "./ports.ts";
import { planRouting } from "./route-match-config.ts";
import { portConflicts } from "./port-conflicts.ts";
import { PLAN_DEFAULTS, type ListenerPlan, type PlanOptions, type WorkloadPlan } from "./types.ts";

export function buildPlans(model: Model, options: PlanOptions = {}, readFile: FileLookup = () => undefined):
    { plans: WorkloadPlan[]; diagnostics: Diagnostic[] } {
  const o = { ...PLAN_DEFAULTS, ...options };
  const routing = planRouting(model, options.debugHeader === true);
  const diagnostics: Diagnostic[] = [...routing.diagnostics];
  const nameCount: Record<string, number> = {};
  for (const w of model.workloads) nameCount[w.name] = (nameCount[w.name] ?? 0) + 1;

  const clusterBases: ClusterBases = new Map();
  const plans = model.workloads.map((w): WorkloadPlan => {
    const ip = isIpAddress(w.address);
    const loopback = ip && w.address.startsWith("127.");
    const accessLog = planAccessLog(model, w, diagnostics);
    const authPolicy = planAuthPolicy(model, w, readFile, diagnostics);
    const tls = { ...certFiles(o.certDir, w.id), trustDomain: model.trustDomain };
    const inbound = appPorts(model, w).map((port, i): ListenerPlan => ({
      name: `inbound|${port}`,
      direction: "inbound",
      bind: { address: ip ? w.address : "0.0.0.0", port: o.inboundPort + i },
      mtls: w.mtls,
      ...(w.mtls !== "DISABLE" ? { tls } : {}),
      localCluster: inboundCluster(w.id, port),
      routes: [],
      filters: { authPolicy, ...(accessLog ? { accessLog } : {}) },
    }));
    const outbound: ListenerPlan = {
      name: "outbound",
      direction: "outbound",
      bind: { address: ip ? w.address : "127.0.0.1", port: o.outboundPort },
      mtls: "DISABLE",
      routes: routing.routes,
      filters: { routeMatch: routing.config, ...(accessLog ? { accessLog } : {}) },
    };
    return {
      workload: w.id,
      outputName: nameCount[w.name] > 1 ? `${w.namespace}.${w.name}` : w.name,
      node: { id: `${w.name}.${w.namespace}`, cluster: w.labels.app ?? w.name },
      admin: { address: loopback ? w.address : "127.0.0.1", port: o.adminPort },
      wasmDir: o.wasmDir,
      listeners: [...inbound, outbound],
      clusters: planClusters(model, w, o.certDir, o.inboundPort, clusterBases),
    };
  });
  diagnostics.push(...portConflicts(model, plans));
  return { plans, diagnostics };
}
