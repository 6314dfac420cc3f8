// Workloads with their identity, the services they serve, and the MeshAuth and AccessLog
// resources that select them.
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";
import { positionOf, type Resources } from "../resources/index.ts";
import { matchesSelector } from "./selectors.ts";
import type { ModelAccessLog, ModelAuthPolicy, ModelService, ModelWorkload } from "./types.ts";

const STRICTNESS = { DISABLE: 0, PERMISSIVE: 1, STRICT: 2 } as const;

export function spiffeId(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `spiffe://${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

export function buildPolicies(resources: Resources): { authPolicies: ModelAuthPolicy[]; accessLogs: ModelAccessLog[] } {
  return {
    authPolicies: resources.meshAuths.map((r) => ({ id: `meshauth/${r.metadata.namespace}/${r.metadata.name}`,
      namespace: r.metadata.namespace, name: r.metadata.name, spec: r.spec, at: { ...positionOf(r.source, "spec"), path: "spec" } })),
    accessLogs: resources.accessLogs.map((r) => ({ id: `accesslog/${r.metadata.namespace}/${r.metadata.name}`,
      namespace: r.metadata.namespace, name: r.metadata.name, spec: r.spec, at: { ...positionOf(r.source, "spec"), path: "spec" } })),
  };
}

export function buildWorkloads(resources: Resources, services: ModelService[], trustDomain: string,
    auth: ModelAuthPolicy[], logs: ModelAccessLog[], diagnostics: Diagnostic[]): ModelWorkload[] {
  const out = resources.workloads.map((w): ModelWorkload => {
    const { name, namespace } = w.metadata;
    const labels = w.metadata.labels ?? {};
    const id = `${namespace}/${name}`;
    const serviceAccount = w.spec.serviceAccount ?? "default";
    const policies = auth.filter((p) => p.namespace === namespace && matchesSelector(labels, p.spec.selector));
    const modes = policies.filter((p) => p.spec.mtls).map((p) => ({ id: p.id, mode: p.spec.mtls!.mode, at: p.at }));
    let mtls: ModelWorkload["mtls"] = "PERMISSIVE";
    if (modes.length > 0) {
      mtls = modes.reduce((a, m) => (STRICTNESS[m.mode] > STRICTNESS[a] ? m.mode : a), modes[0].mode);
      if (new Set(modes.map((m) => m.mode)).size > 1) {
        diagnostics.push(diagnostic("WM024", modes[0].at, "spec.mtls.mode", `workload ${id} is selected by MeshAuth policies with different mTLS modes (${modes.map((m) => `${m.id}: ${m.mode}`).join(", ")}); the strictest, ${mtls}, applies; expected one mode per workload`));
      }
    }
    const logSpecs = logs.filter((l) => l.namespace === namespace && matchesSelector(labels, l.spec.selector));
    // The most specific selector wins (more matchLabels), then namespace/name order.
    const ranked = [...logSpecs].sort((a, b) => Object.keys(b.spec.selector?.matchLabels ?? {}).length - Object.keys(a.spec.selector?.matchLabels ?? {}).length);
    if (ranked.length > 1) {
      diagnostics.push(diagnostic("WM024", ranked[1].at, "spec.selector", `workload ${id} is selected by several AccessLogs (${ranked.map((l) => l.id).join(", ")}); ${ranked[0].id} applies; expected one per workload`));
    }
    return {
      id, name, namespace, labels, address: w.spec.address,
      ports: (w.spec.ports ?? []).map((p, i) => ({ name: p.name ?? (i === 0 ? "http" : `port-${p.port}`), port: p.port })),
      serviceAccount, spiffeId: spiffeId(trustDomain, namespace, serviceAccount), mtls,
      services: services.filter((s) => s.endpoints.some((e) => e.workload === id)).map((s) => s.id),
      authPolicies: policies.map((p) => p.id),
      ...(ranked[0] ? { accessLog: ranked[0].id } : {}),
      at: { ...positionOf(w.source, "metadata.name"), path: "metadata.name" },
    };
  });
  for (const p of [...auth, ...logs]) {
    const selects = out.some((w) => w.namespace === p.namespace && matchesSelector(w.labels, p.spec.selector));
    if (!selects && out.length > 0) {
      diagnostics.push(diagnostic("WM018", p.at, "spec.selector", `${p.id} selects no workload in namespace ${p.namespace}; expected a selector matching some workload's labels`));
    }
  }
  return out;
}
