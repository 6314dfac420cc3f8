// The request and configurations both access-log benchmarks use (run.ts on log-path-host.ts,
// guest-only.ts on bench/support/stub-guest.ts): one typical proxied GET with its Envoy facts.
import { int64, type Pair } from "../support/stub-guest.ts";

const path = (...s: string[]) => s.join("\0");

export const requestHeaders: Pair[] = [[":authority", "reviews.shop"], [":path", "/api/items/42?page=2&token=s3cr3t"], [":method", "GET"],
  [":scheme", "http"], ["user-agent", "curl/8.5.0"], ["accept", "*/*"], ["authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x"],
  ["cookie", "sid=abc; theme=dark"], ["x-forwarded-proto", "http"], ["x-request-id", "6f1c1f5e-1f6b-4a8e-9d43-0c1d2b3a4f5e"],
  ["traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]];
export const responseHeaders: Pair[] = [[":status", "200"], ["content-type", "application/json"], ["content-length", "348"], ["x-envoy-upstream-service-time", "3"]];
export const properties = new Map([
  [path("request", "time"), int64(1795589519506290000n)], [path("request", "duration"), int64(4_200_000)],
  [path("request", "protocol"), Buffer.from("HTTP/1.1")], [path("request", "size"), int64(0)],
  [path("response", "code"), int64(200)], [path("response", "flags"), int64(0)], [path("response", "size"), int64(348)],
  [path("response", "backend_latency"), int64(3_100_000)], [path("upstream", "address"), Buffer.from("10.0.0.7:8080")],
  [path("xds", "cluster_name"), Buffer.from("outbound|8080||reviews.shop")], [path("xds", "route_name"), Buffer.from("vs/shop/reviews/r0")],
  [path("source", "address"), Buffer.from("10.0.0.3:51234")], ["wasmesh.auth", Buffer.from("allow shop/allow-web/r0")],
]);

export const ALL_FIELDS = ["start_time", "method", "authority", "path", "protocol", "response_code", "response_flags",
  "bytes_received", "bytes_sent", "duration", "upstream_duration", "upstream_host", "upstream_cluster", "route",
  "request_id", "traceparent", "trace_id", "user_agent", "peer", "auth_decision", "source_address"];
export const base = {
  workload: "reviews", format: "json", fields: ALL_FIELDS, requestHeaders: ["authorization", "cookie"], responseHeaders: ["content-type"],
  redact: { headers: [], queryParams: ["token"], cookies: [], mode: "mask" }, sampling: { percent: 100, keepErrors: true },
  sinks: { stdout: true }, metricsPrefix: "wasmesh_access",
};
export const collector = { cluster: "otel", authority: "otel", path: "/v1/logs", batchSize: 100, flushIntervalMs: 1000, maxBuffered: 10000, timeoutMs: 5000 };
export const scenarios: Record<string, { wasm: string; config: object }> = {
  "noop (floor)": { wasm: "noop", config: base },
  "json, stdout": { wasm: "access-log", config: base },
  "text (Istio line), stdout": { wasm: "access-log", config: { ...base, format: "text", fields: [] } },
  "json, hash redaction, stdout": { wasm: "access-log", config: { ...base, redact: { ...base.redact, mode: "hash" } } },
  "json, stdout + collector": { wasm: "access-log", config: { ...base, sinks: { stdout: true, collector } } },
  "json, sampled out (percent 0)": { wasm: "access-log", config: { ...base, sampling: { percent: 0, keepErrors: true } } },
};
