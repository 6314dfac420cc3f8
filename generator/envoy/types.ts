// Envoy objects are plain JSON-shaped values in the v3 API's field names (snake_case), exactly as
// they appear in the bootstrap YAML.
export type EnvoyObject = { [key: string]: EnvoyValue };
export type EnvoyValue = string | number | boolean | null | EnvoyValue[] | EnvoyObject;

export const TYPES = {
  hcm: "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
  router: "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router",
  wasm: "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
  stringValue: "type.googleapis.com/google.protobuf.StringValue",
  fault: "type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault",
  earlyHeaderMutation: "type.googleapis.com/envoy.extensions.http.early_header_mutation.header_mutation.v3.HeaderMutation",
  downstreamTls: "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
  upstreamTls: "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
  tlsInspector: "type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector",
  uuidRequestId: "type.googleapis.com/envoy.extensions.request_id.uuid.v3.UuidRequestIdConfig",
} as const;

export const ROUTE_HEADER = "x-wasmesh-route";
export const CLUSTER_HEADER = "x-wasmesh-cluster";
export const INTERNAL_HEADER_PREFIX = "x-wasmesh-";

export function duration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(3).replace(/0+$/, "")}s`;
}

/** Percent (0–100, fractions allowed) → Envoy FractionalPercent per million. */
export function perMillion(percent: number): EnvoyObject {
  return { numerator: Math.round(percent * 10_000), denominator: "MILLION" };
}
