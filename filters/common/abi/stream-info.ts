// What Envoy knows about a stream, read through proxy_get_property (attribute names as in
// Envoy's attributes.rst; encodings: strings raw, int/uint 8 bytes LE, timestamps and durations
// int64 LE nanoseconds). Most of these resolve only in a stream context; some only in on_log.
import { getProperty, propertyPath } from "./host";
import { proxy_get_property } from "./imports";
import { WasmResult } from "./enums";
import { freeHostBlock } from "./host-blocks";

const RET_PTR: usize = memory.data(8);
const RET_LEN: usize = memory.data(8);

export const REQUEST_TIME = propertyPath("request", "time");
export const REQUEST_DURATION = propertyPath("request", "duration");
export const REQUEST_PROTOCOL = propertyPath("request", "protocol");
export const REQUEST_SIZE = propertyPath("request", "size");
export const REQUEST_ID = propertyPath("request", "id");
export const RESPONSE_CODE = propertyPath("response", "code");
export const RESPONSE_CODE_DETAILS = propertyPath("response", "code_details");
export const RESPONSE_FLAGS = propertyPath("response", "flags");
export const RESPONSE_SIZE = propertyPath("response", "size");
export const RESPONSE_BACKEND_LATENCY = propertyPath("response", "backend_latency");
export const UPSTREAM_ADDRESS = propertyPath("upstream", "address");
export const UPSTREAM_LOCAL_ADDRESS = propertyPath("upstream", "local_address");
export const UPSTREAM_TRANSPORT_FAILURE_REASON = propertyPath("upstream", "transport_failure_reason");
export const SOURCE_ADDRESS = propertyPath("source", "address");
export const DESTINATION_ADDRESS = propertyPath("destination", "address");
export const CONNECTION_PEER_URI_SAN = propertyPath("connection", "uri_san_peer_certificate");
export const CONNECTION_REQUESTED_SERVER_NAME = propertyPath("connection", "requested_server_name");
export const CONNECTION_TERMINATION_DETAILS = propertyPath("connection", "termination_details");
export const XDS_ROUTE_NAME = propertyPath("xds", "route_name");
export const XDS_CLUSTER_NAME = propertyPath("xds", "cluster_name");

/** A string (or bytes) property; null when Envoy has none (or it is empty). */
export function propertyBytes(path: ArrayBuffer): ArrayBuffer | null {
  const v = getProperty(path);
  return v === null || v.byteLength == 0 ? null : v;
}

/**
 * An int, uint, timestamp or duration property (8 bytes LE); `absent` when Envoy has none.
 * Read straight from the block the host returned (no copy, no managed allocation).
 */
export function propertyI64(path: ArrayBuffer, absent: i64 = -1): i64 {
  if (proxy_get_property(changetype<usize>(path), path.byteLength, RET_PTR, RET_LEN) != WasmResult.Ok) return absent;
  const ptr = load<usize>(RET_PTR), len = load<usize>(RET_LEN);
  if (ptr == 0) return absent;
  const value = len == 8 ? load<i64>(ptr) : absent;
  freeHostBlock(ptr);
  return value;
}
