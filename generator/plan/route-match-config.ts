// Model virtual hosts → the route-match filter's configuration. Regexes are compiled here into
// DFAs; one that does not compile (or exceeds the state cap) is a positioned diagnostic.
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";
import type { Model, ModelService, ModelStringMatch, ModelPathMatch, ModelMatch, ModelRoute, ModelVirtualHost } from "../model/index.ts";
import { compileRegex } from "../regex/compile.ts";
import type { RouteMatchConfig, StringMatch, PathMatch, RequestMatch, RouteRule, VirtualHost } from "./filters/route-match.ts";
import { outboundCluster } from "./names.ts";
import type { EnvoyRoutePlan } from "./types.ts";

function stringMatch(m: ModelStringMatch, diagnostics: Diagnostic[]): StringMatch | undefined {
  if ("regex" in m) {
    const r = compileRegex(m.regex, m.ignoreCase ? { ignoreCase: true } : {});
    if (!r.ok) {
      diagnostics.push(diagnostic("WM015", m.at, m.at.path,
        `invalid regular expression ${JSON.stringify(m.regex)}: ${r.message}${r.offset !== undefined ? ` (at offset ${r.offset})` : ""}; expected an RE2 expression`));
      return undefined;
    }
    return { regex: r.regex };
  }
  const ic = m.ignoreCase ? { ignoreCase: true } : {};
  if ("exact" in m) return { exact: m.exact, ...ic };
  if ("prefix" in m) return { prefix: m.prefix, ...ic };
  return { suffix: m.suffix, ...ic };
}

function pathMatch(m: ModelPathMatch, diagnostics: Diagnostic[]): PathMatch | undefined {
  if ("pathPrefix" in m) return { pathPrefix: m.pathPrefix, ...(m.ignoreCase ? { ignoreCase: true } : {}) };
  return stringMatch(m, diagnostics);
}

function requestMatch(m: ModelMatch, diagnostics: Diagnostic[]): RequestMatch | undefined {
  const out: RequestMatch = {};
  let ok = true;
  if (m.path) {
    const p = pathMatch(m.path, diagnostics);
    if (p) out.path = p; else ok = false;
  }
  if (m.method) out.method = m.method;
  if (m.headers.length) {
    out.headers = m.headers.map((h) => {
      const match = h.match ? stringMatch(h.match, diagnostics) : undefined;
      if (h.match && !match) ok = false;
      return { name: h.name, ...(match ? { match } : {}), ...(h.present ? { present: true } : {}),
        ...(h.absent ? { absent: true } : {}), ...(h.invert ? { invert: true } : {}) };
    });
  }
  if (m.queryParams.length) {
    out.queryParams = m.queryParams.map((q) => {
      const match = q.match ? stringMatch(q.match, diagnostics) : undefined;
      if (q.match && !match) ok = false;
      return { name: q.name, ...(match ? { match } : {}), ...(q.present ? { present: true } : {}) };
    });
  }
  return ok ? out : undefined;
}

function routeRule(r: ModelRoute, diagnostics: Diagnostic[]): RouteRule | undefined {
  const matches = r.matches.map((m) => requestMatch(m, diagnostics));
  if (matches.some((m) => m === undefined)) return undefined;
  return {
    id: r.id,
    matches: matches as RequestMatch[],
    destinations: r.destinations.map((d) => ({ cluster: outboundCluster(d.host, d.port, d.subset), weight: d.weight })),
    ...(r.stickyBy ? { stickyBy: r.stickyBy } : {}),
  };
}

function domains(byHost: Record<string, ModelService>, vh: ModelVirtualHost): string[] {
  const svc = byHost[vh.host];
  const out: string[] = [];
  for (const a of svc.aliases) {
    out.push(a);
    for (const p of svc.ports) out.push(`${a}:${p.number}`);
  }
  return [...new Set(out.map((d) => d.toLowerCase()))];
}

export function envoyRoute(r: ModelRoute): EnvoyRoutePlan {
  const out: EnvoyRoutePlan = { id: r.id };
  if (r.fault) out.fault = r.fault;
  else {
    if (r.timeoutMs !== undefined) out.timeoutMs = r.timeoutMs;
    if (r.retries) out.retries = r.retries;
  }
  if (r.mirror) out.mirror = { cluster: outboundCluster(r.mirror.host, r.mirror.port, r.mirror.subset), percent: r.mirror.percent };
  if (r.headers) out.headers = r.headers;
  return out;
}

/** The outbound route-match config and Envoy routes shared by every sidecar of the mesh. */
export function planRouting(model: Model, debugHeader: boolean): { config: RouteMatchConfig; routes: EnvoyRoutePlan[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const virtualHosts: VirtualHost[] = [];
  const routes: EnvoyRoutePlan[] = [];
  const seen: Record<string, true> = {};
  const byHost: Record<string, ModelService> = {};
  for (const s of model.services) byHost[s.host] ??= s;
  for (const vh of model.virtualHosts) {
    const rules = vh.routes.map((r) => routeRule(r, diagnostics)).filter((r): r is RouteRule => !!r);
    virtualHosts.push({ name: vh.host, domains: domains(byHost, vh), routes: rules });
    for (const r of vh.routes) {
      if (seen[r.id]) continue;
      seen[r.id] = true;
      routes.push(envoyRoute(r));
    }
  }
  routes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { config: { virtualHosts, ...(debugHeader ? { debugHeader: true } : {}) }, routes, diagnostics };
}
