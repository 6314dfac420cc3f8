// THE order of HTTP filters in every connection manager, in one table. Entries whose input is
// absent for a listener are left out; the order of the rest never changes.
import type { ListenerPlan } from "../plan/index.ts";
import { INTERNAL_HEADER_PREFIX, TYPES, type EnvoyObject } from "./types.ts";
import type { SharedParts } from "./shared-parts.ts";
import { wasmFilter } from "./wasm.ts";

interface Step {
  name: string;
  build(listener: ListenerPlan, wasmDir: string, parts?: SharedParts): EnvoyObject | undefined;
}

/**
 * Step 0, before every filter below, is not an HTTP filter: the connection manager's early header
 * mutation drops every incoming x-wasmesh-* request header. It must run before Envoy picks the
 * route: an HTTP filter that removes a header does not clear the route cache, so a client's forged
 * x-wasmesh-route would still select its route whenever route-match writes nothing (seen in
 * Envoy 1.40 with the header_mutation HTTP filter).
 */
export function stripInternalHeaders(): EnvoyObject {
  return {
    name: "wasmesh.strip-internal-headers",
    typed_config: { "@type": TYPES.earlyHeaderMutation,
      mutations: [{ remove_on_match: { key_matcher: { prefix: INTERNAL_HEADER_PREFIX } } }] },
  };
}

export const HTTP_FILTERS: Step[] = [
  { name: "auth-policy", build: (l, dir, parts) => l.filters.authPolicy && wasmFilter("auth-policy", l.filters.authPolicy, dir, parts) },
  { name: "route-match", build: (l, dir, parts) => l.filters.routeMatch && wasmFilter("route-match", l.filters.routeMatch, dir, parts) },
  { name: "access-log", build: (l, dir, parts) => l.filters.accessLog && wasmFilter("access-log", l.filters.accessLog, dir, parts) },
  // Needed only where a route injects faults (its typed_per_filter_config turns it on).
  { name: "fault", build: (l) => l.routes.some((r) => r.fault)
    ? { name: "envoy.filters.http.fault", typed_config: { "@type": TYPES.fault } } : undefined },
  { name: "router", build: () => ({ name: "envoy.filters.http.router", typed_config: { "@type": TYPES.router } }) },
];

export function httpFilters(listener: ListenerPlan, wasmDir: string, parts?: SharedParts): EnvoyObject[] {
  return HTTP_FILTERS.map((s) => s.build(listener, wasmDir, parts)).filter((f): f is EnvoyObject => !!f);
}
