// A seeded generator of hostile requests: odd methods, paths with dangerous encodings, repeated,
// huge and mixed-case headers, bodies in odd chunks, client resets. Same seed, same requests.
import type { RequestSpec } from "../../../host/index.ts";

export interface FuzzRequest extends RequestSpec {
  /** Client reset: after the request headers, or after this many body chunks. */
  resetAfter?: "headers" | number;
}

/** mulberry32: small, fast, good enough for test input. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METHODS = ["GET", "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "CONNECT", "get", "PURGE"];
const SEGMENTS = ["api", "v1", "API", "health", "..", ".", "", "%2e%2e", "%2E", "%2f", "%2F", "%5c", "%00", "%25", "%",
  "%zz", "%61pi", "a%20b", "\\", "..\\..", ";x=1", "~user", "é", "\xff\xfe", "\x7f", "😀", "a".repeat(300), "*", "?", "#frag"];
const QUERIES = ["", "?", "?a=1", "?a=%2F..%2F", "?x=/api/", "?" + "q".repeat(2000), "?a=1&a=2#f"];
const NAMES = ["x-user", "X-User", "x-wasmesh-route", "x-wasmesh-cluster", "X-WASMESH-CLUSTER", "content-type", "cookie",
  "authorization", "x-forwarded-for", "x-probe-ua", "host", "x-empty", "x-" + "n".repeat(200)];
const VALUES = ["", "a", "health", "api", "vs/shop/reviews/r0", "\xff\x00bin", " spaced ", "a,b,c", "é", "Bearer x.y.z"];

/** Filter-specific names and values (tokens, rule headers) mixed in one pick in four; none: the base lists only. */
export interface FuzzVocabulary {
  names?: readonly string[];
  values?: readonly string[];
  /** Whole headers, one of which three requests in ten carry (e.g. a valid token under its header). */
  pairs?: readonly (readonly [string, string])[];
}

export function randomRequest(next: () => number, extra: FuzzVocabulary = {}): FuzzRequest {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const int = (n: number) => Math.floor(next() * n);
  const depth = 1 + int(6);
  let path = "";
  for (let i = 0; i < depth; i++) path += (next() < 0.1 ? "//" : "/") + pick(SEGMENTS);
  // Four in ten requests use a plain path that the filters' configurations route somewhere.
  if (next() < 0.4) path = pick(["/api/", "/v1/", "/api/health", "/"]) + pick(["", "items", "x/y", "health"]);
  if (next() < 0.05) path = pick(["*", "", "api", "http://evil/x", "/".repeat(200)]);
  path += pick(QUERIES);
  const headers: [string, string][] = [];
  const count = next() < 0.05 ? 100 + int(200) : int(8);
  for (let i = 0; i < count; i++) {
    const value = next() < 0.03 ? "v".repeat(1 + int(64 * 1024)) : pickMixed(next, VALUES, extra.values);
    headers.push([pickMixed(next, NAMES, extra.names), value]);
  }
  if (extra.pairs !== undefined && extra.pairs.length > 0 && next() < 0.3) headers.push([...pick(extra.pairs)]);
  const r: FuzzRequest = { method: pick(METHODS), path, headers,
    authority: pick(["example.com", "reviews.shop", "REVIEWS.SHOP:9080", "", "a".repeat(300), "[::1]:80"]) };
  if (next() < 0.4) {
    const chunks: string[] = [];
    for (let i = 0, n = 1 + int(5); i < n; i++) chunks.push(pick(["", "x", "{}", "y".repeat(int(70000))]));
    r.body = chunks;
  }
  if (next() < 0.05) r.resetAfter = next() < 0.5 ? "headers" : int(3);
  return r;
}

function pickMixed(next: () => number, base: readonly string[], extra: readonly string[] | undefined): string {
  const from = extra !== undefined && extra.length > 0 && next() < 0.25 ? extra : base;
  return from[Math.floor(next() * from.length)];
}
