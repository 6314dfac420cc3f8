// Envoy routes: one per route id that route-match may write into x-wasmesh-route. The cluster
// comes from x-wasmesh-cluster; timeouts, retries, mirrors, header changes and faults stay native.
// A request route-match did not tag reaches no upstream (404).
import type { EnvoyRoutePlan, ListenerPlan } from "../plan/index.ts";
import type { HeaderOpsSpec } from "../resources/index.ts";
import type { SharedParts } from "./shared-parts.ts";
import { CLUSTER_HEADER, ROUTE_HEADER, TYPES, duration, perMillion, type EnvoyObject } from "./types.ts";

function headersToAdd(ops: HeaderOpsSpec | undefined): EnvoyObject[] {
  const out: EnvoyObject[] = [];
  for (const [key, value] of Object.entries(ops?.set ?? {}).sort()) out.push({ header: { key, value }, append_action: "OVERWRITE_IF_EXISTS_OR_ADD" });
  for (const [key, value] of Object.entries(ops?.add ?? {}).sort()) out.push({ header: { key, value }, append_action: "APPEND_IF_EXISTS_OR_ADD" });
  return out;
}

function retryPolicy(r: NonNullable<EnvoyRoutePlan["retries"]>): EnvoyObject {
  const codes = r.retryOn.split(",").filter((c) => /^\d{3}$/.test(c)).map(Number);
  const conditions = r.retryOn.split(",").filter((c) => c && !/^\d{3}$/.test(c));
  if (codes.length) conditions.push("retriable-status-codes");
  return {
    retry_on: conditions.join(","),
    num_retries: r.attempts,
    ...(r.perTryTimeoutMs !== undefined ? { per_try_timeout: duration(r.perTryTimeoutMs) } : {}),
    ...(codes.length ? { retriable_status_codes: codes } : {}),
  };
}

function fault(f: NonNullable<EnvoyRoutePlan["fault"]>): EnvoyObject {
  return {
    "@type": TYPES.fault,
    ...(f.delay ? { delay: { fixed_delay: duration(f.delay.fixedDelayMs), percentage: perMillion(f.delay.percent) } } : {}),
    ...(f.abort ? { abort: { http_status: f.abort.httpStatus, percentage: perMillion(f.abort.percent) } } : {}),
  };
}

export function meshRoute(r: EnvoyRoutePlan): EnvoyObject {
  const action: EnvoyObject = {
    cluster_header: CLUSTER_HEADER,
    // Like Istio: no timeout unless the route sets one (Envoy's own default would be 15 s).
    timeout: duration(r.timeoutMs ?? 0),
  };
  if (r.retries && r.retries.attempts > 0) action.retry_policy = retryPolicy(r.retries);
  if (r.mirror) action.request_mirror_policies = [{ cluster: r.mirror.cluster, runtime_fraction: { default_value: perMillion(r.mirror.percent) } }];
  const route: EnvoyObject = {
    name: r.id,
    match: { prefix: "/", headers: [{ name: ROUTE_HEADER, string_match: { exact: r.id } }] },
    route: action,
  };
  const reqAdd = headersToAdd(r.headers?.request), respAdd = headersToAdd(r.headers?.response);
  if (reqAdd.length) route.request_headers_to_add = reqAdd;
  route.request_headers_to_remove = [ROUTE_HEADER, CLUSTER_HEADER, ...(r.headers?.request?.remove ?? [])];
  if (respAdd.length) route.response_headers_to_add = respAdd;
  if (r.headers?.response?.remove?.length) route.response_headers_to_remove = r.headers.response.remove;
  if (r.fault) route.typed_per_filter_config = { "envoy.filters.http.fault": fault(r.fault) };
  return route;
}

export function routeConfig(listener: ListenerPlan, parts?: SharedParts): EnvoyObject {
  // Every sidecar's outbound listener holds the mesh's one route table.
  if (parts && !listener.localCluster) return parts.partOf(listener.routes, `routes|${listener.name}`, () => routeConfig(listener));
  const routes: EnvoyObject[] = listener.localCluster
    ? [{ name: listener.name, match: { prefix: "/" }, route: { cluster: listener.localCluster, timeout: "0s" } }]
    : [...listener.routes.map(meshRoute), { name: "no-route", match: { prefix: "/" }, direct_response: { status: 404 } }];
  return {
    name: listener.name,
    validate_clusters: false,
    virtual_hosts: [{ name: listener.name, domains: ["*"], routes }],
  };
}
