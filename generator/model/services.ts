// Services and ServiceEntries → model services with hosts, ports and endpoints.
import type { Resources, WorkloadResource } from "../resources/index.ts";
import { matchesLabels } from "./selectors.ts";
import type { Endpoint, ModelService, ServicePort } from "./types.ts";

const PROTOCOLS = ["HTTP", "HTTP2", "HTTPS", "GRPC", "TCP", "TLS"];

function protocolOf(name: string | undefined, protocol: string | undefined): string {
  if (protocol) return protocol.toUpperCase();
  const prefix = (name ?? "").split("-")[0].toUpperCase();
  return PROTOCOLS.includes(prefix) ? prefix : "HTTP";
}

/** Names a Kubernetes Service answers to inside the mesh. */
export function serviceAliases(name: string, namespace: string): string[] {
  return [name, `${name}.${namespace}`, `${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`];
}

function workloadPort(w: WorkloadResource, target: number | string | undefined, fallback: number): number | undefined {
  const ports = w.spec.ports ?? [];
  if (typeof target === "string") return ports.find((p) => p.name === target)?.port;
  return target ?? fallback;
}

export function buildServices(resources: Resources): ModelService[] {
  const out: ModelService[] = [];
  for (const s of resources.services) {
    const { name, namespace } = s.metadata;
    const ports: ServicePort[] = s.spec.ports.map((p, i) => ({ name: p.name ?? (i === 0 ? "http" : `port-${p.port}`), number: p.port, protocol: protocolOf(p.name, p.protocol) }));
    const endpoints: Endpoint[] = [];
    if (s.spec.selector && Object.keys(s.spec.selector).length > 0) {
      for (const w of resources.workloads) {
        if (w.metadata.namespace !== namespace || !matchesLabels(w.metadata.labels ?? {}, s.spec.selector)) continue;
        const epPorts: Record<string, number> = {};
        for (const p of s.spec.ports) {
          const port = workloadPort(w, p.targetPort, p.port);
          if (port !== undefined) epPorts[String(p.port)] = port;
        }
        endpoints.push({ address: w.spec.address, ports: epPorts, labels: w.metadata.labels ?? {}, workload: `${namespace}/${w.metadata.name}` });
      }
    }
    out.push({ id: `service/${namespace}/${name}`, kind: "Service", name, namespace, host: `${name}.${namespace}`,
      aliases: serviceAliases(name, namespace), ports, location: "MESH_INTERNAL", endpoints, subsets: [] });
  }
  for (const se of resources.serviceEntries) {
    const { name, namespace } = se.metadata;
    const specPorts = se.spec.ports ?? [];
    const ports: ServicePort[] = specPorts.map((p) => ({ name: p.name ?? `port-${p.number}`, number: p.number, protocol: protocolOf(p.name, p.protocol) }));
    const location = (se.spec.location ?? "MESH_EXTERNAL") as ModelService["location"];
    for (const host of [...se.spec.hosts].map((h) => h.toLowerCase()).sort()) {
      const endpoints: Endpoint[] = [];
      for (const ep of se.spec.endpoints ?? []) {
        const epPorts: Record<string, number> = {};
        for (const p of specPorts) epPorts[String(p.number)] = ep.ports?.[p.name ?? ""] ?? p.targetPort ?? p.number;
        endpoints.push({ address: ep.address, ports: epPorts, labels: ep.labels ?? {} });
      }
      const selector = se.spec.workloadSelector?.labels;
      if (selector) {
        for (const w of resources.workloads) {
          if (w.metadata.namespace !== namespace || !matchesLabels(w.metadata.labels ?? {}, selector)) continue;
          const epPorts: Record<string, number> = {};
          for (const p of specPorts) epPorts[String(p.number)] = p.targetPort ?? p.number;
          endpoints.push({ address: w.spec.address, ports: epPorts, labels: w.metadata.labels ?? {}, workload: `${namespace}/${w.metadata.name}` });
        }
      }
      if (endpoints.length === 0 && !host.startsWith("*")) {
        // No endpoints given: the host itself, resolved by DNS.
        const epPorts: Record<string, number> = {};
        for (const p of specPorts) epPorts[String(p.number)] = p.targetPort ?? p.number;
        endpoints.push({ address: host, ports: epPorts, labels: {} });
      }
      out.push({ id: `serviceentry/${namespace}/${name}/${host}`, kind: "ServiceEntry", name, namespace, host,
        aliases: [host], ports, location, endpoints, subsets: [] });
    }
  }
  return out.sort((a, b) => (a.host < b.host ? -1 : a.host > b.host ? 1 : a.id < b.id ? -1 : 1));
}

interface HostIndex {
  entries: Record<string, ModelService>;
  byNamespace: Record<string, ModelService>;
  byAlias: Record<string, ModelService>;
}

const indexes = new WeakMap<ModelService[], HostIndex>();

function hostIndex(services: ModelService[]): HostIndex {
  let index = indexes.get(services);
  if (index) return index;
  index = { entries: {}, byNamespace: {}, byAlias: {} };
  for (const s of services) {
    if (s.kind === "ServiceEntry") index.entries[s.host] ??= s;
    else {
      index.byNamespace[`${s.namespace}/${s.name}`] ??= s;
      for (const a of s.aliases.slice(1)) index.byAlias[a] ??= s;
    }
  }
  indexes.set(services, index);
  return index;
}

/** Resolves a host as written in a VirtualService of `namespace` to a model service. */
export function resolveHost(services: ModelService[], host: string, namespace: string): ModelService | undefined {
  const h = host.toLowerCase();
  const index = hostIndex(services);
  return index.entries[h] ?? index.byNamespace[`${namespace}/${h}`] ?? index.byAlias[h];
}
