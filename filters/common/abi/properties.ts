// Typed reads of the Envoy attributes filters ask about per request (proxy_get_property; see
// reference/proxy-wasm-envoy.md §4 for Envoy's encodings). Paths are built once.
import { getProperty, propertyPath, setProperty } from "./host";

const PEER_URI_SAN = propertyPath("connection", "uri_san_peer_certificate");
const SOURCE_ADDRESS = propertyPath("source", "address");
const DESTINATION_ADDRESS = propertyPath("destination", "address");
const DESTINATION_PORT = propertyPath("destination", "port");

/** The peer certificate's first URI SAN (e.g. a SPIFFE id), or null on plaintext / no SAN. */
export function peerUriSan(): ArrayBuffer | null {
  return getProperty(PEER_URI_SAN);
}

/** The downstream remote address as Envoy prints it: "1.2.3.4:5678" or "[::1]:5678". */
export function sourceAddress(): ArrayBuffer | null {
  return getProperty(SOURCE_ADDRESS);
}

/** The local address the request arrived on, same format as sourceAddress. */
export function destinationAddress(): ArrayBuffer | null {
  return getProperty(DESTINATION_ADDRESS);
}

/** The local port the request arrived on (an int64 property), or -1 when unavailable. */
export function destinationPort(): i64 {
  const v = getProperty(DESTINATION_PORT);
  if (v === null || v.byteLength != 8) return -1;
  return load<i64>(changetype<usize>(v));
}

/** Stores `value` as filter state `wasm.<name>`, readable by later filters and access logs. */
export function setFilterState(name: ArrayBuffer, value: ArrayBuffer): bool {
  return setProperty(name, value);
}
