// The model stage: resources → the resolved mesh, with every dangling reference, impossible
// weight and unreachable route reported.
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";
import { joinPath, positionOf, type Resources } from "../resources/index.ts";
import { lintRoutes } from "./lint-routes.ts";
import { firstMatchOrder, mostSpecificOrder } from "./precedence.ts";
import { buildRoutes } from "./routes.ts";
import { buildServices, resolveHost } from "./services.ts";
import type { Located, Model, ModelOptions, ModelRoute, ModelVirtualHost } from "./types.ts";
import { buildPolicies, buildWorkloads } from "./workloads.ts";

export function buildModel(resources: Resources, options: ModelOptions = {}): { model: Model; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const trustDomain = options.trustDomain ?? "mesh.local";
  const services = buildServices(resources);

  const byHost: Record<string, { routes: ModelRoute[]; orders: string[]; sources: string[]; at: Located[] }> = {};
  for (const vs of resources.virtualServices) {
    const routes = buildRoutes(vs, services, diagnostics);
    vs.spec.hosts.forEach((h, i) => {
      const svc = resolveHost(services, h, vs.metadata.namespace);
      if (!svc) {
        const path = joinPath(joinPath("spec", "hosts"), i);
        diagnostics.push(diagnostic("WM010", positionOf(vs.source, path), path, `host "${h}" is not defined by any Service or ServiceEntry; expected a Service name or a ServiceEntry host`));
        return;
      }
      const entry = (byHost[svc.host] ??= { routes: [], orders: [], sources: [], at: [] });
      if (!entry.sources.includes(`${vs.metadata.namespace}/${vs.metadata.name}`)) {
        const path = joinPath(joinPath("spec", "hosts"), i);
        entry.routes.push(...routes);
        entry.orders.push(vs.spec.order ?? "first-match");
        entry.sources.push(`${vs.metadata.namespace}/${vs.metadata.name}`);
        entry.at.push({ ...positionOf(vs.source, path), path });
      }
    });
  }

  const virtualHosts: ModelVirtualHost[] = [];
  for (const svc of services) {
    const entry = byHost[svc.host];
    if (!entry) {
      if (svc.ports.length === 0) continue;
      virtualHosts.push({ host: svc.host, order: "first-match", routes: [{
        id: `default/${svc.host}`, matches: [],
        destinations: [{ host: svc.host, port: svc.ports[0].number, weight: 1 }],
        at: { file: "", line: 0, column: 0, path: "" } }] });
      continue;
    }
    const order = entry.orders.includes("most-specific") ? "most-specific" : "first-match";
    if (entry.sources.length > 1 && (order === "first-match" || entry.orders.includes("first-match"))) {
      for (const at of entry.at.slice(1)) diagnostics.push(diagnostic("WM016", at, at.path, `host ${svc.host} is routed by several VirtualServices (${entry.sources.join(", ")}); ${order === "first-match" ? "their rules are joined oldest first, then by namespace/name" : "all are ranked as most-specific"}; expected one VirtualService per host or order: most-specific on all`));
    }
    const routes = order === "most-specific" ? mostSpecificOrder(entry.routes) : firstMatchOrder(entry.routes);
    const vh: ModelVirtualHost = { host: svc.host, order, routes };
    lintRoutes(vh, diagnostics);
    virtualHosts.push(vh);
  }

  const { authPolicies, accessLogs } = buildPolicies(resources);
  const workloads = buildWorkloads(resources, services, trustDomain, authPolicies, accessLogs, diagnostics);
  if (workloads.length === 0) {
    const first = [...resources.services, ...resources.serviceEntries, ...resources.virtualServices][0];
    diagnostics.push(diagnostic("WM009", first ? positionOf(first.source, "") : { file: "", line: 0, column: 0 }, "",
      "the mesh has no workloads, so no bootstrap is generated; expected Workload resources or docker-compose services labelled wasmesh.workload: \"true\""));
  }
  for (const s of services) s.subsets.sort((a, b) => (a.name < b.name ? -1 : 1));
  return { model: { trustDomain, workloads, services, virtualHosts, authPolicies, accessLogs }, diagnostics };
}
