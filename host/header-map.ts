// A header map the way Envoy keeps it: ordered entries, names stored lower-case, values as raw
// bytes (latin1 strings), repeated names as separate entries.
import type { Pair } from "./abi/pairs.ts";

/**
 * Envoy's O(1) "inline" headers (envoy/http/header_map.h, request and response lists): a second
 * occurrence is appended to the first with "," instead of becoming its own entry (seen on Envoy
 * 1.40: repeated x-forwarded-for / content-type reach the upstream as one comma-joined value).
 * The lists are the ones Envoy 1.40 prints at startup ("HTTP header map info"); each map kind has
 * its own (`accept` merges in a request, `vary` in a response); request trailers have none.
 */
export const REQUEST_INLINE_HEADERS = new Set([
  ":authority", ":method", ":path", ":protocol", ":scheme", "accept", "accept-encoding",
  "access-control-request-headers", "access-control-request-method",
  "access-control-request-private-network", "authentication", "authorization", "cache-control",
  "cdn-loop", "connection", "content-encoding", "content-length", "content-type", "expect",
  "grpc-accept-encoding", "grpc-timeout", "if-match", "if-modified-since", "if-none-match",
  "if-range", "if-unmodified-since", "keep-alive", "origin", "pragma", "proxy-connection",
  "proxy-status", "referer", "te", "transfer-encoding", "upgrade", "user-agent", "via",
  "x-client-trace-id", "x-envoy-attempt-count", "x-envoy-decorator-operation",
  "x-envoy-downstream-service-cluster", "x-envoy-downstream-service-node",
  "x-envoy-expected-rq-timeout-ms", "x-envoy-external-address", "x-envoy-force-trace",
  "x-envoy-hedge-on-per-try-timeout", "x-envoy-internal", "x-envoy-ip-tags",
  "x-envoy-is-timeout-retry", "x-envoy-max-retries", "x-envoy-original-host",
  "x-envoy-original-path", "x-envoy-original-url", "x-envoy-retriable-header-names",
  "x-envoy-retriable-status-codes", "x-envoy-retry-grpc-on", "x-envoy-retry-on",
  "x-envoy-upstream-alt-stat-name", "x-envoy-upstream-rq-per-try-timeout-ms",
  "x-envoy-upstream-rq-timeout-alt-response", "x-envoy-upstream-rq-timeout-ms",
  "x-envoy-upstream-stream-duration-ms", "x-forwarded-client-cert", "x-forwarded-for",
  "x-forwarded-host", "x-forwarded-port", "x-forwarded-proto", "x-request-id"
]);
export const RESPONSE_INLINE_HEADERS = new Set([
  ":status", "access-control-allow-credentials", "access-control-allow-headers",
  "access-control-allow-methods", "access-control-allow-origin",
  "access-control-allow-private-network", "access-control-expose-headers",
  "access-control-max-age", "age", "cache-control", "connection", "content-encoding",
  "content-length", "content-type", "date", "etag", "expires", "grpc-message", "grpc-status",
  "keep-alive", "last-modified", "location", "proxy-connection", "proxy-status", "server",
  "transfer-encoding", "upgrade", "vary", "via", "x-envoy-attempt-count",
  "x-envoy-decorator-operation", "x-envoy-degraded", "x-envoy-immediate-health-check-fail",
  "x-envoy-ratelimited", "x-envoy-upstream-canary", "x-envoy-upstream-healthchecked-cluster",
  "x-envoy-upstream-service-time", "x-request-id"
]);
export const RESPONSE_TRAILER_INLINE_HEADERS = new Set(["grpc-message", "grpc-status"]);
export const REQUEST_TRAILER_INLINE_HEADERS = new Set<string>();
/** For maps whose side is not known (http_call, tests): either list. */
export const INLINE_HEADERS = new Set([...REQUEST_INLINE_HEADERS, ...RESPONSE_INLINE_HEADERS]);

export class HeaderMap {
  private entries: Pair[];

  constructor(pairs: Iterable<Pair> = [], private readonly inline: ReadonlySet<string> = INLINE_HEADERS) {
    this.entries = [];
    for (const [k, v] of pairs) this.add(k, v);
  }

  static fromObject(o: Record<string, string | string[]>, inline: ReadonlySet<string> = INLINE_HEADERS): HeaderMap {
    const pairs: Pair[] = [];
    for (const [k, v] of Object.entries(o)) for (const one of Array.isArray(v) ? v : [v]) pairs.push([k, one]);
    return new HeaderMap(pairs, inline);
  }

  pairs(): Pair[] {
    return this.entries.map(([k, v]) => [k, v]);
  }

  get count(): number {
    return this.entries.length;
  }

  /** Envoy's HeaderMap::byteSize(): the sum of name and value lengths. */
  get byteSize(): number {
    let n = 0;
    for (const [k, v] of this.entries) n += k.length + v.length;
    return n;
  }

  get(name: string): string | undefined {
    const key = name.toLowerCase();
    return this.entries.find(([k]) => k === key)?.[1];
  }

  getAll(name: string): string[] {
    const key = name.toLowerCase();
    return this.entries.filter(([k]) => k === key).map(([, v]) => v);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Envoy's addCopy: appends an entry, or ",value" to an inline header that exists. */
  add(name: string, value: string): void {
    const key = name.toLowerCase();
    if (this.inline.has(key)) {
      const i = this.entries.findIndex(([k]) => k === key);
      if (i >= 0) {
        // Envoy's appendToHeader: an empty value adds nothing, an empty existing value no comma.
        const old = this.entries[i][1];
        this.entries[i] = [key, value === "" ? old : old === "" ? value : `${old},${value}`];
        return;
      }
    }
    this.entries.push([key, value]);
  }

  /** Envoy's setCopy: the first occurrence takes the value, later ones go; appended if absent. */
  replace(name: string, value: string): void {
    const key = name.toLowerCase();
    const i = this.entries.findIndex(([k]) => k === key);
    if (i < 0) {
      this.entries.push([key, value]);
      return;
    }
    this.entries[i] = [key, value];
    this.entries = this.entries.filter(([k], j) => j <= i || k !== key);
  }

  remove(name: string): void {
    const key = name.toLowerCase();
    this.entries = this.entries.filter(([k]) => k !== key);
  }

  setAll(pairs: Pair[]): void {
    this.entries = [];
    for (const [k, v] of pairs) this.add(k, v);
  }

  toObject(): Record<string, string> {
    const o: Record<string, string> = {};
    for (const [k, v] of this.entries) o[k] = k in o ? `${o[k]},${v}` : v;
    return o;
  }
}
