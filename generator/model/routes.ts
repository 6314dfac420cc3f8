// VirtualService rules → model routes: destinations resolved to services, ports and subsets;
// dangling hosts, unknown ports and subsets and weights that cannot work are reported.
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";
import { joinPath, positionOf, type VirtualServiceResource, type DestinationSpec, type HttpRouteSpec } from "../resources/index.ts";
import { durationMs } from "./duration.ts";
import { modelMatch } from "./matches.ts";
import { resolveHost } from "./services.ts";
import type { ModelRoute, ModelService, ModelDestination } from "./types.ts";

/** The label a subset name selects (Istio's habit: subset `v2` = workloads labelled version: v2). */
export const SUBSET_LABEL = "version";

interface Ctx {
  vs: VirtualServiceResource;
  services: ModelService[];
  diagnostics: Diagnostic[];
}

function report(ctx: Ctx, code: Parameters<typeof diagnostic>[0], path: string, message: string): void {
  ctx.diagnostics.push(diagnostic(code, positionOf(ctx.vs.source, path), path, message));
}

function resolveDestination(ctx: Ctx, d: DestinationSpec, path: string): Omit<ModelDestination, "weight"> | undefined {
  const ns = ctx.vs.metadata.namespace;
  const svc = resolveHost(ctx.services, d.host, ns);
  if (!svc) {
    report(ctx, "WM010", joinPath(path, "host"), `host "${d.host}" is not defined by any Service or ServiceEntry; expected a Service name (in namespace "${ns}" or as <name>.<namespace>) or a ServiceEntry host`);
    return undefined;
  }
  let port: number;
  if (d.port) {
    if (!svc.ports.some((p) => p.number === d.port!.number)) {
      report(ctx, "WM017", joinPath(joinPath(path, "port"), "number"), `${svc.host} has no port ${d.port.number}; expected one of: ${svc.ports.map((p) => p.number).join(", ") || "(none)"}`);
      return undefined;
    }
    port = d.port.number;
  } else if (svc.ports.length === 1) {
    port = svc.ports[0].number;
  } else {
    report(ctx, svc.ports.length === 0 ? "WM017" : "WM022", path, svc.ports.length === 0
      ? `${svc.host} declares no ports; expected a port to route to`
      : `${svc.host} has ${svc.ports.length} ports (${svc.ports.map((p) => p.number).join(", ")}); expected port.number to say which`);
    return undefined;
  }
  if (d.subset !== undefined) {
    const labels = { [SUBSET_LABEL]: d.subset };
    if (svc.endpoints.length === 0) {
      report(ctx, "WM021", joinPath(path, "subset"), `subset "${d.subset}" of ${svc.host} cannot be checked: the host has no endpoints yet`);
    } else if (!svc.endpoints.some((e) => e.labels[SUBSET_LABEL] === d.subset)) {
      const known = [...new Set(svc.endpoints.map((e) => e.labels[SUBSET_LABEL]).filter(Boolean))].sort();
      report(ctx, "WM011", joinPath(path, "subset"), `no endpoint of ${svc.host} is labelled ${SUBSET_LABEL}: ${d.subset}; expected one of: ${known.join(", ") || "(no labelled endpoints)"}`);
      return undefined;
    }
    if (!svc.subsets.some((s) => s.name === d.subset)) svc.subsets.push({ name: d.subset, labels });
  }
  return { host: svc.host, port, ...(d.subset !== undefined ? { subset: d.subset } : {}) };
}

export function buildRoute(ctx: Ctx, rule: HttpRouteSpec, index: number): ModelRoute | undefined {
  const { namespace, name } = ctx.vs.metadata;
  const path = joinPath(joinPath("spec", "http"), index);
  const destinations: ModelDestination[] = [];
  const given = rule.route ?? [];
  const anyWeight = given.some((r) => r.weight !== undefined);
  let ok = true;
  given.forEach((r, i) => {
    const rp = joinPath(joinPath(path, "route"), i);
    if (r.headers) {
      report(ctx, "WM020", joinPath(rp, "headers"), "header changes per destination are not supported (the destination is chosen inside the filter); expected headers on the rule");
      ok = false;
    }
    const d = resolveDestination(ctx, r.destination, joinPath(rp, "destination"));
    if (!d) { ok = false; return; }
    destinations.push({ ...d, weight: r.weight ?? (anyWeight ? 0 : 1) });
  });
  if (ok && destinations.length > 0 && destinations.every((d) => d.weight <= 0)) {
    report(ctx, "WM012", joinPath(path, "route"), "every destination has weight 0, so no request could be sent; expected at least one positive weight");
    ok = false;
  }
  const mirror = rule.mirror ? resolveDestination(ctx, rule.mirror, joinPath(path, "mirror")) : undefined;
  if (rule.mirror && !mirror) ok = false;
  if (!ok) return undefined;
  const route: ModelRoute = {
    id: `vs/${namespace}/${name}/r${index}`,
    ...(rule.name ? { name: rule.name } : {}),
    matches: (rule.match ?? []).map((m, i) => modelMatch(m, ctx.vs.source, joinPath(joinPath(path, "match"), i))),
    destinations,
    ...(ctx.vs.metadata.creationTimestamp ? { creationTimestamp: ctx.vs.metadata.creationTimestamp } : {}),
    at: { ...positionOf(ctx.vs.source, path), path },
  };
  if (rule.timeout !== undefined) route.timeoutMs = durationMs(rule.timeout);
  if (rule.retries) {
    route.retries = { attempts: rule.retries.attempts ?? 2, retryOn: rule.retries.retryOn ?? "connect-failure,refused-stream,unavailable,cancelled" };
    if (rule.retries.perTryTimeout) route.retries.perTryTimeoutMs = durationMs(rule.retries.perTryTimeout);
  }
  if (rule.fault) {
    route.fault = {};
    if (rule.fault.delay) route.fault.delay = { fixedDelayMs: durationMs(rule.fault.delay.fixedDelay) ?? 0, percent: rule.fault.delay.percentage?.value ?? 100 };
    if (rule.fault.abort) route.fault.abort = { httpStatus: rule.fault.abort.httpStatus, percent: rule.fault.abort.percentage?.value ?? 100 };
  }
  if (mirror) route.mirror = { ...mirror, percent: rule.mirrorPercentage?.value ?? 100 };
  if (rule.headers) route.headers = rule.headers;
  if (rule.stickyBy?.header) route.stickyBy = { header: rule.stickyBy.header.toLowerCase() };
  else if (rule.stickyBy?.cookie) route.stickyBy = { cookie: rule.stickyBy.cookie };
  return route;
}

export function buildRoutes(vs: VirtualServiceResource, services: ModelService[], diagnostics: Diagnostic[]): ModelRoute[] {
  const ctx: Ctx = { vs, services, diagnostics };
  return (vs.spec.http ?? []).map((rule, i) => buildRoute(ctx, rule, i)).filter((r): r is ModelRoute => !!r);
}
