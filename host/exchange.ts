// A whole request through the plugin the way Envoy's listener would carry it: the connection
// manager's request headers, the filter, the router (on the headers the filter forwarded), an
// upstream the test provides (default: an echo like test/support/upstream.ts), the response back
// through the filter, then the access-log phase.
import { randomUUID } from "node:crypto";
import type { Pair } from "./abi/pairs.ts";
import type { LocalReply } from "./context.ts";
import { HeaderMap, REQUEST_INLINE_HEADERS } from "./header-map.ts";
import type { HttpStream } from "./http-stream.ts";
import type { Plugin } from "./plugin.ts";
import type { PeerCertificate } from "./properties.ts";
import { selectRoute, type RouteDecision } from "./router.ts";
import { codecRejection } from "./codec.ts";

export interface RequestSpec {
  method?: string;
  path: string;
  /** :authority (HTTP/1 Host); default "example.com". */
  authority?: string;
  headers?: Record<string, string | string[]> | Pair[];
  /** Body, or body chunks delivered one callback each. */
  body?: string | string[];
  /** mTLS peer: the connection is TLS and the client showed this certificate. */
  peer?: PeerCertificate;
  /** Use this worker (default: round robin). */
  worker?: number;
  /** Feed the filter even what Envoy's HTTP/1 codec would refuse (fuzzing the filter itself). */
  skipCodec?: boolean;
}

/** What the upstream received, as the host's router forwarded it (HTTP/1 view: host, no pseudo-headers). */
export interface UpstreamRequest {
  cluster: string;
  method: string;
  url: string;
  headers: HeaderMap;
  body: string;
}

export interface UpstreamReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export type UpstreamHandler = (req: UpstreamRequest) => UpstreamReply;

export interface ExchangeResult {
  /** Downstream status; 0 while the stream is still waiting (paused filter, unanswered callout). */
  status: number;
  headers: HeaderMap;
  body: string;
  /** The local reply that answered the request (filter, router, buffer limit or trap), if any. */
  localReply: LocalReply | null;
  upstream: UpstreamRequest | null;
  stream: HttpStream;
}

/** The echo upstream of test/support/upstream.ts: answers with JSON of what it saw. */
export const echoUpstream: UpstreamHandler = (req) => {
  const headers: Record<string, string> = {};
  for (const [k, v] of req.headers.pairs()) headers[k] = k in headers ? `${headers[k]}, ${v}` : v;
  return {
    status: 200,
    headers: { "content-type": "application/json", "x-upstream": req.cluster },
    body: JSON.stringify({ upstream: req.cluster, method: req.method, url: req.url, headers, body: req.body }),
  };
};

/** The request headers as Envoy's connection manager hands them to the first filter. */
export function downstreamHeaders(r: RequestSpec): Pair[] {
  const pairs: Pair[] = [[":authority", r.authority ?? "example.com"], [":path", r.path],
    [":method", r.method ?? "GET"], [":scheme", "http"]];
  const extra = r.headers === undefined ? [] : Array.isArray(r.headers) ? r.headers
    : Object.entries(r.headers).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one): Pair => [k, one]));
  // The codec trims optional whitespace around field values.
  for (const [k, v] of extra) pairs.push([k.toLowerCase(), v.replace(/^[ \t]+|[ \t]+$/g, "")]);
  const body = typeof r.body === "string" ? r.body : r.body?.join("");
  if (body !== undefined && !pairs.some(([k]) => k === "content-length")) pairs.push(["content-length", String(Buffer.byteLength(body))]);
  pairs.push(["x-forwarded-proto", "http"]);
  // Envoy keeps a client's x-request-id (the test bootstrap does not use the remote address).
  if (!pairs.some(([k]) => k === "x-request-id")) pairs.push(["x-request-id", randomUUID()]);
  return pairs;
}

export function exchange(plugin: Plugin, r: RequestSpec, upstream: UpstreamHandler = echoUpstream): ExchangeResult {
  const stream = plugin.newStream({
    worker: r.worker,
    connection: r.peer === undefined ? {} : { tls: { version: "TLSv1.3", peer: r.peer } },
    onHeadersForwarded: (s) => route(plugin, s),
  });
  const chunks = r.body === undefined ? [] : typeof r.body === "string" ? [r.body] : r.body;
  const headers = downstreamHeaders(r);
  const rejected = r.skipCodec ? null : codecRejection(r.method ?? "GET", r.path, r.authority ?? "example.com", headers);
  if (rejected !== null) {
    stream.rejectBeforeFilters(rejected.status, rejected.body, r.method === "HEAD");
    return settle(plugin, stream, upstream);
  }
  stream.sendRequestHeaders(headers, chunks.length === 0);
  chunks.forEach((c, i) => stream.sendRequestBody(c, i === chunks.length - 1));
  return settle(plugin, stream, upstream);
}

const NO_EMPTY_LENGTH = new Set(["GET", "HEAD", "DELETE", "TRACE", "CONNECT"]);
const decisions = new WeakMap<HttpStream, Extract<RouteDecision, { kind: "upstream" }>>();
const seenBy = new WeakMap<HttpStream, UpstreamRequest>();

/**
 * Carries a stream as far as it can go now: sends a completed request upstream, completes a
 * stream that has its response. Call again after answering callouts or moving the clock.
 */
export function settle(plugin: Plugin, stream: HttpStream, upstream: UpstreamHandler = echoUpstream): ExchangeResult {
  const decision = decisions.get(stream);
  if (decision !== undefined && stream.localReply === null && stream.requestComplete && stream.response === null) {
    decisions.delete(stream);
    seenBy.set(stream, callUpstream(plugin, stream, decision, upstream));
  }
  const done = stream.response !== null || stream.reset;
  if (done) stream.complete();
  const response = stream.response;
  return {
    status: response === null ? 0 : Number(response.headers.get(":status")),
    headers: response?.headers ?? new HeaderMap(),
    body: response?.body.toString("latin1") ?? "",
    localReply: stream.localReply,
    upstream: seenBy.get(stream) ?? null,
    stream,
  };
}

/** Envoy's router at decodeHeaders: picks the route on the headers the filter let go. */
function route(plugin: Plugin, stream: HttpStream): void {
  const decision = selectRoute(plugin.routes, stream.forwardedHeaders!, plugin.runtime.clusters);
  // A matched route stays known (xds.route_name) even when its cluster does not exist.
  if (decision.route !== undefined) {
    stream.facts.route = { name: decision.route.name ?? "", cluster: decision.kind === "upstream" ? decision.cluster : "", virtualHost: "all" };
  }
  if (decision.kind === "local-reply") return stream.sendEnvoyLocalReply(decision.status, "", decision.details);
  if (decision.kind === "direct") return stream.sendEnvoyLocalReply(decision.status, decision.body, "direct_response");
  decisions.set(stream, decision);
}

function callUpstream(plugin: Plugin, stream: HttpStream, decision: Extract<RouteDecision, { kind: "upstream" }>, upstream: UpstreamHandler): UpstreamRequest {
  const headers = new HeaderMap(stream.forwardedHeaders!.pairs(), REQUEST_INLINE_HEADERS);
  for (const name of decision.route.request_headers_to_remove ?? []) headers.remove(name);
  headers.replace("x-envoy-expected-rq-timeout-ms", "15000");
  // Envoy's HTTP/1 codec frames an empty request body with content-length: 0 except for these
  // methods (observed on Envoy 1.40: OPTIONS and PURGE get it, GET/HEAD/DELETE/TRACE do not).
  if (stream.forwardedBody.length === 0 && !headers.has("content-length") && !headers.has("transfer-encoding")
    && !NO_EMPTY_LENGTH.has(headers.get(":method") ?? "GET")) headers.add("content-length", "0");
  const wire = new HeaderMap([["host", headers.get(":authority") ?? ""], ...headers.pairs().filter(([k]) => !k.startsWith(":"))],
    REQUEST_INLINE_HEADERS);
  const seen: UpstreamRequest = { cluster: decision.cluster, method: headers.get(":method") ?? "GET",
    url: headers.get(":path") ?? "/", headers: wire, body: stream.forwardedBody.toString("latin1") };
  stream.facts.upstreamAddress = "127.0.0.1:8080";
  const upstreamNanos = { sent: plugin.runtime.nowNanos(), received: null as bigint | null };
  stream.facts.upstreamNanos = upstreamNanos;
  const reply = upstream(seen);
  upstreamNanos.received = plugin.runtime.nowNanos();
  stream.facts.responseCodeDetails ??= "via_upstream";
  const body = reply.body ?? "";
  const responseHeaders: Pair[] = [[":status", String(reply.status)], ...Object.entries(reply.headers ?? {}),
    ["content-length", String(Buffer.byteLength(body))], ["x-envoy-upstream-service-time", "1"]];
  const head = seen.method === "HEAD"; // the upstream sends no body; Envoy ends the stream at headers
  stream.sendResponseHeaders(responseHeaders, body.length === 0 || head);
  if (body.length > 0 && !head) stream.sendResponseBody(body, true);
  return seen;
}
