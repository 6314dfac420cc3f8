// A test router: the subset of Envoy's route configuration our tests use (path/prefix and header
// matches, cluster or cluster_header, request_headers_to_remove, direct_response). It runs on the
// headers the filter forwarded, which is what Envoy does after a Wasm request-header write clears
// the route cache (§5).
import type { HeaderMap } from "./header-map.ts";

export interface HeaderMatcherSpec {
  name: string;
  present_match?: boolean;
  string_match?: { exact?: string; prefix?: string };
  invert_match?: boolean;
}

export interface RouteSpec {
  name?: string;
  match: { prefix?: string; path?: string; headers?: HeaderMatcherSpec[] };
  route?: { cluster?: string; cluster_header?: string };
  direct_response?: { status: number; body?: { inline_string: string } };
  request_headers_to_remove?: string[];
}

export type RouteDecision =
  | { kind: "upstream"; route: RouteSpec; cluster: string }
  | { kind: "direct"; route: RouteSpec; status: number; body: string }
  | { kind: "local-reply"; status: number; details: string; route?: RouteSpec };

export const ROUTE_HEADER = "x-wasmesh-route";
export const CLUSTER_HEADER = "x-wasmesh-cluster";

/** test/support/bootstrap.ts's default: requests route-match tagged go to cluster_header. */
export const DEFAULT_ROUTES: RouteSpec[] = [{
  match: { prefix: "/", headers: [{ name: ROUTE_HEADER, present_match: true }] },
  route: { cluster_header: CLUSTER_HEADER },
  request_headers_to_remove: [ROUTE_HEADER, CLUSTER_HEADER],
}];

function headerMatches(m: HeaderMatcherSpec, headers: HeaderMap): boolean {
  const value = headers.getAll(m.name);
  let ok: boolean;
  if (m.string_match !== undefined) {
    const v = value.length === 0 ? undefined : value.join(",");
    const sm = m.string_match;
    ok = v !== undefined && (sm.exact !== undefined ? v === sm.exact : v.startsWith(sm.prefix ?? ""));
  } else ok = value.length > 0 === (m.present_match ?? true);
  return m.invert_match ? !ok : ok;
}

function routeMatches(r: RouteSpec, headers: HeaderMap): boolean {
  const path = (headers.get(":path") ?? "").split("?")[0];
  if (r.match.path !== undefined && path !== r.match.path) return false;
  if (r.match.prefix !== undefined && !path.startsWith(r.match.prefix)) return false;
  return (r.match.headers ?? []).every((m) => headerMatches(m, headers));
}

/**
 * Envoy's router decision. No route → 404 `route_not_found`; cluster_header absent or naming an
 * unknown cluster → 503 `cluster_not_found` (cluster_not_found_response_code's default; verified
 * against Envoy 1.40 in test/differential).
 */
export function selectRoute(routes: RouteSpec[], headers: HeaderMap, clusters: Set<string>): RouteDecision {
  const route = routes.find((r) => routeMatches(r, headers));
  if (route === undefined) return { kind: "local-reply", status: 404, details: "route_not_found" };
  if (route.direct_response !== undefined) {
    return { kind: "direct", route, status: route.direct_response.status, body: route.direct_response.body?.inline_string ?? "" };
  }
  const cluster = route.route?.cluster ?? (route.route?.cluster_header ? headers.get(route.route.cluster_header) : undefined);
  if (cluster === undefined || !clusters.has(cluster)) return { kind: "local-reply", status: 503, details: "cluster_not_found", route };
  return { kind: "upstream", route, cluster };
}
