// Property values with Envoy's encodings (§4): strings raw, ints 8-byte little-endian, bools one
// byte, maps in the header-pair format. StreamFacts is what Envoy's stream info would know.
import { encodePairs } from "./abi/pairs.ts";
import type { HeaderMap } from "./header-map.ts";

export interface PeerCertificate {
  /** First URI SAN, e.g. spiffe://cluster.local/ns/shop/sa/web. */
  uriSan?: string;
  dnsSan?: string;
  subject?: string;
}

export interface ConnectionFacts {
  id: number;
  sourceAddress: string;
  destinationAddress: string;
  /** Present for TLS connections; `peer` only when the client showed a certificate. */
  tls?: { version: string; sni?: string; peer?: PeerCertificate };
}

export interface StreamFacts {
  connection: ConnectionFacts;
  requestHeaders: HeaderMap | null;
  responseHeaders: HeaderMap | null;
  responseCodeDetails: string | null;
  startNanos: bigint;
  route: { name: string; cluster: string; virtualHost: string } | null;
  upstreamAddress: string | null;
}

export const str = (s: string): Buffer => Buffer.from(s, "latin1");
export const int64 = (n: number | bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(BigInt(n));
  return b;
};
export const bool = (v: boolean): Buffer => Buffer.from([v ? 1 : 0]);

const port = (address: string) => Number(address.slice(address.lastIndexOf(":") + 1));
const orNull = (s: string | undefined) => (s === undefined ? null : str(s));

/** A stream attribute's bytes; null when Envoy answers NotFound. */
export function streamProperty(path: string[], f: StreamFacts): Buffer | null {
  const [top, name, sub] = path;
  if (top === "request") return requestProperty(name, sub, f);
  if (top === "response") return responseProperty(name, sub, f);
  if (top === "source" && name === "address") return str(f.connection.sourceAddress);
  if (top === "source" && name === "port") return int64(port(f.connection.sourceAddress));
  if (top === "destination" && name === "address") return str(f.connection.destinationAddress);
  if (top === "destination" && name === "port") return int64(port(f.connection.destinationAddress));
  if (top === "connection") return connectionProperty(name, f.connection);
  if (top === "connection_id") return int64(f.connection.id);
  if (top === "upstream" && name === "address") return orNull(f.upstreamAddress ?? undefined);
  if (top === "upstream" && name === "port") return f.upstreamAddress === null ? null : int64(port(f.upstreamAddress));
  if (top === "xds" && f.route !== null) {
    if (name === "route_name") return str(f.route.name);
    if (name === "cluster_name") return str(f.route.cluster);
    if (name === "virtual_host_name") return str(f.route.virtualHost);
  }
  return null;
}

function requestProperty(name: string, sub: string | undefined, f: StreamFacts): Buffer | null {
  const h = f.requestHeaders;
  if (name === "time") return int64(f.startNanos);
  if (h === null) return null;
  const path = h.get(":path");
  switch (name) {
    case "path": return orNull(path);
    case "url_path": return path === undefined ? null : str(path.split("?")[0]);
    case "query": return path === undefined || !path.includes("?") ? str("") : str(path.slice(path.indexOf("?") + 1));
    case "host": return orNull(h.get(":authority"));
    case "scheme": return orNull(h.get(":scheme"));
    case "method": return orNull(h.get(":method"));
    case "referer": return orNull(h.get("referer"));
    case "useragent": return orNull(h.get("user-agent"));
    case "id": return orNull(h.get("x-request-id"));
    case "protocol": return str("HTTP/1.1");
    case "headers": return headersProperty(h, sub);
    default: return null;
  }
}

function responseProperty(name: string, sub: string | undefined, f: StreamFacts): Buffer | null {
  const h = f.responseHeaders;
  if (name === "code_details") return f.responseCodeDetails === null ? null : str(f.responseCodeDetails);
  if (h === null) return null;
  if (name === "code") return int64(Number(h.get(":status") ?? 0));
  if (name === "headers") return headersProperty(h, sub);
  return null;
}

/** Whole map in pair format, or one header's values comma-joined. */
function headersProperty(h: HeaderMap, name: string | undefined): Buffer | null {
  if (name === undefined) return encodePairs(h.pairs());
  const all = h.getAll(name);
  return all.length === 0 ? null : str(all.join(","));
}

function connectionProperty(name: string, c: ConnectionFacts): Buffer | null {
  if (name === "id") return int64(c.id);
  if (name === "mtls") return bool(c.tls?.peer !== undefined);
  const tls = c.tls;
  if (tls === undefined) return null;
  switch (name) {
    case "tls_version": return str(tls.version);
    case "requested_server_name": return str(tls.sni ?? "");
    case "uri_san_peer_certificate": return orNull(tls.peer?.uriSan);
    case "dns_san_peer_certificate": return orNull(tls.peer?.dnsSan);
    case "subject_peer_certificate": return orNull(tls.peer?.subject);
    default: return null;
  }
}

/** envoy.config.core.v3.Node with id (1) and cluster (2), protobuf-encoded. */
export function nodeProto(node: { id: string; cluster: string }): Buffer {
  const field = (tag: number, s: string) => {
    const b = Buffer.from(s);
    return Buffer.concat([Buffer.from([tag, b.length]), b]);
  };
  return Buffer.concat([node.id ? field(0x0a, node.id) : Buffer.alloc(0), node.cluster ? field(0x12, node.cluster) : Buffer.alloc(0)]);
}
