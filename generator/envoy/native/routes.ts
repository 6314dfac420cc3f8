// route-match's decision as an Envoy route table: every route rule becomes one Envoy route per
// match alternative, with the rule's destinations as cluster or weighted_clusters. The per-route
// extras (timeouts, retries, mirrors, header changes, faults) are the wasm variant's own.
import type { ListenerPlan } from "../../plan/index.ts";
import type { HeaderMatch, PathMatch, QueryParamMatch, RequestMatch, RouteRule, StringMatch } from "../../plan/filters/route-match.ts";
import { meshRoute } from "../routes.ts";
import type { EnvoyObject } from "../types.ts";
import { unsupported } from "./unsupported.ts";

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function stringMatcher(m: StringMatch): EnvoyObject {
  if ("regex" in m) return { safe_regex: { regex: m.regex.source } };
  const ic: EnvoyObject = m.ignoreCase ? { ignore_case: true } : {};
  if ("exact" in m) return { exact: m.exact, ...ic };
  if ("prefix" in m) return { prefix: m.prefix, ...ic };
  return { suffix: m.suffix, ...ic };
}

function pathMatch(p: PathMatch | undefined): EnvoyObject {
  if (!p) return { prefix: "/" };
  const cs: EnvoyObject = "ignoreCase" in p && p.ignoreCase ? { case_sensitive: false } : {};
  if ("pathPrefix" in p) {
    const prefix = p.pathPrefix.replace(/\/+$/, "");
    return prefix === "" ? { prefix: "/", ...cs } : { path_separated_prefix: prefix, ...cs };
  }
  if ("regex" in p) return { safe_regex: { regex: p.regex.source } };
  if ("exact" in p) return { path: p.exact, ...cs };
  if ("prefix" in p) return { prefix: p.prefix, ...cs };
  // A suffix of the path without its query: Envoy's regex sees the path without query too.
  return { safe_regex: { regex: `${p.ignoreCase ? "(?i)" : ""}.*${escapeRegex(p.suffix)}` } };
}

function headerMatcher(h: HeaderMatch): EnvoyObject {
  const out: EnvoyObject = { name: h.name };
  if (h.match) out.string_match = stringMatcher(h.match);
  else if (h.absent) out.present_match = false;
  else out.present_match = true;
  if (h.invert) out.invert_match = true;
  return out;
}

function queryMatcher(q: QueryParamMatch): EnvoyObject {
  return q.match ? { name: q.name, string_match: stringMatcher(q.match) } : { name: q.name, present_match: true };
}

function routeMatch(m: RequestMatch): EnvoyObject {
  const headers = [...(m.method ? [{ name: ":method", string_match: { exact: m.method } }] : []), ...(m.headers ?? []).map(headerMatcher)];
  return {
    ...pathMatch(m.path),
    ...(headers.length ? { headers } : {}),
    ...(m.queryParams?.length ? { query_parameters: m.queryParams.map(queryMatcher) } : {}),
  };
}

function action(rule: RouteRule, base: EnvoyObject): EnvoyObject {
  const { cluster_header: _, ...rest } = base;
  const live = rule.destinations.filter((d) => d.weight > 0);
  if (live.length === 1) return { cluster: live[0].cluster, ...rest };
  const out: EnvoyObject = { weighted_clusters: { clusters: live.map((d) => ({ name: d.cluster, weight: d.weight })) }, ...rest };
  if (rule.stickyBy) {
    (out.weighted_clusters as EnvoyObject).use_hash_policy = true;
    out.hash_policy = ["header" in rule.stickyBy ? { header: { header_name: rule.stickyBy.header } } : { cookie: { name: rule.stickyBy.cookie } }];
  }
  return out;
}

function routes(rule: RouteRule, listener: ListenerPlan): EnvoyObject[] {
  const plan = listener.routes.find((r) => r.id === rule.id);
  if (!plan) unsupported(`route ${rule.id} has no Envoy route in the plan`);
  const base = meshRoute(plan);
  const alternatives = rule.matches.length ? rule.matches : [{}];
  return alternatives.map((m) => ({
    ...base,
    match: routeMatch(m),
    route: action(rule, base.route as EnvoyObject),
    request_headers_to_remove: (base.request_headers_to_remove as string[]).filter((h) => !h.startsWith("x-wasmesh-")),
  }));
}

const noRoute = (): EnvoyObject => ({ name: "no-route", match: { prefix: "/" }, direct_response: { status: 404 } });

/** The outbound route table route-match stands for; other listeners keep the wasm variant's. */
export function nativeRouteConfig(listener: ListenerPlan, wasmVariant: EnvoyObject): EnvoyObject {
  const config = listener.filters.routeMatch;
  if (!config) return wasmVariant;
  const virtualHosts = config.virtualHosts.map((vh) => ({
    name: vh.name,
    domains: vh.domains,
    routes: [...vh.routes.flatMap((r) => routes(r, listener)), noRoute()],
  }));
  return { ...wasmVariant, virtual_hosts: [...virtualHosts, { name: "no-host", domains: ["*"], routes: [noRoute()] }] };
}
