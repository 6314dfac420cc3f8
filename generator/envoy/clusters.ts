// Clusters: least-request balancing, circuit breakers, outlier detection and active health
// checks for the mesh's upstreams; a plain static cluster for the local app.
import type { ClusterPlan } from "../plan/index.ts";
import { upstreamTls } from "./tls.ts";
import { maybeShared, type SharedParts } from "./shared-parts.ts";
import type { EnvoyObject } from "./types.ts";

export const CLUSTER_DEFAULTS = {
  connectTimeout: "2s",
  maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3,
};

export function cluster(c: ClusterPlan, parts?: SharedParts): EnvoyObject {
  const out: EnvoyObject = {
    name: c.name,
    type: c.type,
    connect_timeout: CLUSTER_DEFAULTS.connectTimeout,
    lb_policy: c.local ? "ROUND_ROBIN" : "LEAST_REQUEST",
    ...(c.type === "STRICT_DNS" ? { dns_lookup_family: "V4_PREFERRED" } : {}),
    load_assignment: maybeShared(parts, `endpoints ${JSON.stringify(c.name)} ${c.endpoints.map((e) => `${JSON.stringify(e.address)}:${e.port}`).join(",")}`, () => ({
      cluster_name: c.name,
      endpoints: c.endpoints.length === 0 ? [] : [{
        lb_endpoints: c.endpoints.map((e) => ({ endpoint: { address: { socket_address: { address: e.address, port_value: e.port } } } })),
      }],
    })),
  };
  if (c.local) return out;
  out.circuit_breakers = maybeShared(parts, "circuit_breakers", () => ({ thresholds: [{ priority: "DEFAULT", max_connections: CLUSTER_DEFAULTS.maxConnections,
    max_pending_requests: CLUSTER_DEFAULTS.maxPendingRequests, max_requests: CLUSTER_DEFAULTS.maxRequests, max_retries: CLUSTER_DEFAULTS.maxRetries }] }));
  out.outlier_detection = maybeShared(parts, "outlier_detection", () => ({ consecutive_5xx: 5, consecutive_gateway_failure: 5, interval: "10s", base_ejection_time: "30s", max_ejection_percent: 50 }));
  if (c.healthCheck) {
    out.health_checks = maybeShared(parts, "health_checks", () => [{ timeout: "1s", interval: "10s", unhealthy_threshold: 3, healthy_threshold: 1, tcp_health_check: {} }]);
    out.common_lb_config = maybeShared(parts, "common_lb_config", () => ({ healthy_panic_threshold: { value: 50 } }));
  }
  if (c.mtls) out.transport_socket = upstreamTls(c.mtls, parts);
  return out;
}
