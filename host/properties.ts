// Property values with Envoy's encodings (§4): strings raw, ints 8-byte little-endian, bools one
// byte, maps in the header-pair format. StreamFacts is what Envoy's stream info would know.
import { isIP } from "node:net";
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
  /** Downstream body bytes received and sent (Envoy's bytesReceived / bytesSent). */
  requestBodyBytes: number;
  responseBodyBytes: number;
  /** When the stream completed (on the host's clock); null before: request.duration is NotFound. */
  endNanos: bigint | null;
  /** Upstream request sent / response received (host clock); response.backend_latency. */
  upstreamNanos: { sent: bigint; received: bigint | null } | null;
}

/** Envoy's core response flag bits (CoreResponseFlag order) for the replies the host makes. */
const FLAG_BITS: Record<string, number> = { route_not_found: 8, cluster_not_found: 24 };

export function responseFlags(details: string | null): bigint {
  const bit = details === null ? undefined : FLAG_BITS[details];
  return bit === undefined ? 0n : 1n << BigInt(bit);
}

export const str = (s: string): Buffer => Buffer.from(s, "latin1");
export const int64 = (n: number | bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(BigInt(n));
  return b;
};
export const bool = (v: boolean): Buffer => Buffer.from([v ? 1 : 0]);

/** The host's source address for its upstream connections (Envoy's is an ephemeral loopback port). */
export const UPSTREAM_LOCAL_ADDRESS = "127.0.0.1:40000";

/**
 * Envoy's downstream remote address under the HCM defaults (use_remote_address false, no trusted
 * hops): the last x-forwarded-for entry when it is an IP, with port 0; else the connection's peer.
 */
function remoteAddress(f: StreamFacts): string {
  const xff = f.requestHeaders?.getAll("x-forwarded-for").join(",");
  const last = xff === undefined || xff === "" ? "" : xff.slice(xff.lastIndexOf(",") + 1).trim();
  const family = isIP(last);
  return family === 4 ? `${last}:0` : family === 6 ? `[${last}]:0` : f.connection.sourceAddress;
}

const port = (address: string) => Number(address.slice(address.lastIndexOf(":") + 1));
const orNull = (s: string | undefined) => (s === undefined ? null : str(s));

/** A stream attribute's bytes; null when Envoy answers NotFound. */
export function streamProperty(path: string[], f: StreamFacts): Buffer | null {
  const [top, name, sub] = path;
  if (top === "request") return requestProperty(name, sub, f);
  if (top === "response") return responseProperty(name, sub, f);
  if (top === "source" && name === "address") return str(remoteAddress(f));
  if (top === "source" && name === "port") return int64(port(remoteAddress(f)));
  if (top === "destination" && name === "address") return str(f.connection.destinationAddress);
  if (top === "destination" && name === "port") return int64(port(f.connection.destinationAddress));
  if (top === "connection") return connectionProperty(name, f.connection);
  if (top === "connection_id") return int64(f.connection.id);
  if (top === "upstream" && name === "address") return orNull(f.upstreamAddress ?? undefined);
  if (top === "upstream" && name === "local_address") return f.upstreamAddress === null ? null : str(UPSTREAM_LOCAL_ADDRESS);
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
  if (name === "duration") return f.endNanos === null ? null : int64(f.endNanos - f.startNanos);
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
    case "size": return int64(contentLength(h) ?? f.requestBodyBytes);
    case "headers": return headersProperty(h, sub);
    default: return null;
  }
}

function responseProperty(name: string, sub: string | undefined, f: StreamFacts): Buffer | null {
  const h = f.responseHeaders;
  if (name === "code_details") return f.responseCodeDetails === null ? null : str(f.responseCodeDetails);
  if (name === "flags") return int64(responseFlags(f.responseCodeDetails));
  if (name === "size") return int64(f.responseBodyBytes);
  if (name === "backend_latency") {
    const u = f.upstreamNanos;
    return u === null || u.received === null ? null : int64(u.received - u.sent);
  }
  if (h === null) return null;
  if (name === "code") return int64(Number(h.get(":status") ?? 0));
  if (name === "headers") return headersProperty(h, sub);
  return null;
}

/** Envoy's CEL request.size: a valid content-length header wins over the bytes counted. */
function contentLength(h: HeaderMap): number | null {
  const v = h.get("content-length");
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
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
