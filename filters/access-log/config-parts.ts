// Decoding helpers for config.ts: typed lists, integers in range, the collector sink.
import { JsonValue } from "../common/json/value";

export class CollectorConfig {
  constructor(
    readonly cluster: string,
    readonly authority: string,
    readonly path: string,
    readonly batchSize: i32,
    readonly flushIntervalMs: u32,
    readonly maxBuffered: i32,
    readonly timeoutMs: u32,
  ) {}
}

/** A JSON number of milliseconds in [0, max] as nanoseconds (fractions allowed), or -1. */
export function millisAsNanos(v: JsonValue | null, max: f64): i64 {
  if (v === null || !v.isNumber || !(v.num >= 0 && v.num <= max)) return -1;
  return <i64>Math.round(v.num * 1e6);
}

/** A JSON number in [min, max] rounded up to an integer (1.5 ms → 2 ms), or -1. */
export function ceilIn(v: JsonValue | null, min: i64, max: i64): i64 {
  if (v === null || !v.isNumber) return -1;
  const n = Math.ceil(v.num);
  return n >= <f64>min && n <= <f64>max ? <i64>n : -1;
}

/** An integer JSON number in [min, max], or -1. */
export function integerIn(v: JsonValue | null, min: i64, max: i64): i64 {
  if (v === null || !v.isNumber) return -1;
  const n = v.num;
  if (!(n >= <f64>min && n <= <f64>max) || Math.floor(n) != n) return -1;
  return <i64>n;
}

/** An array of strings each accepted by `valid`, at most `max` long, duplicates dropped; null otherwise. */
export function stringList(v: JsonValue | null, valid: (s: string) => bool, max: i32): string[] | null {
  if (v === null || !v.isArray || v.items.length > max) return null;
  const out = new Array<string>();
  for (let i = 0; i < v.items.length; i++) {
    const item = v.items[i];
    if (!item.isString || !valid(item.str)) return null;
    if (!out.includes(item.str)) out.push(item.str);
  }
  return out;
}

/** A lower-case HTTP header name (RFC 9110 token characters; pseudo-headers allowed). */
export function isHeaderName(s: string): bool {
  if (s.length == 0 || s.length > 128) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 0x3a && i == 0 && s.length > 1) continue;
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c == 0x2d || c == 0x5f || c == 0x2e ||
      c == 0x21 || c == 0x23 || c == 0x24 || c == 0x25 || c == 0x26 || c == 0x27 || c == 0x2a || c == 0x2b ||
      c == 0x5e || c == 0x60 || c == 0x7c || c == 0x7e;
    if (!ok) return false;
  }
  return true;
}

function hostish(s: string): bool {
  if (s.length == 0 || s.length > 256) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) <= 0x20 || s.charCodeAt(i) >= 0x7f) return false;
  return true;
}

export function decodeCollector(v: JsonValue): CollectorConfig | null {
  const keys = ["cluster", "authority", "path", "batchSize", "flushIntervalMs", "maxBuffered", "timeoutMs"];
  if (!v.isObject || !v.onlyKeys(keys)) return null;
  const cluster = v.get("cluster"), authority = v.get("authority"), path = v.get("path");
  if (cluster === null || !cluster.isString || !hostish(cluster.str)) return null;
  if (authority === null || !authority.isString || !hostish(authority.str)) return null;
  const p = path === null ? "/v1/logs" : (path.isString ? path.str : "");
  if (!hostish(p) || p.charCodeAt(0) != 0x2f) return null;
  const batch = integerIn(v.get("batchSize"), 1, 10000);
  const interval = ceilIn(v.get("flushIntervalMs"), 1, 3_600_000);
  const maxBuffered = integerIn(v.get("maxBuffered"), 1, 1_000_000);
  const timeout = ceilIn(v.get("timeoutMs"), 1, 600_000);
  if (batch < 0 || interval < 0 || maxBuffered < 0 || timeout < 0 || maxBuffered < batch) return null;
  return new CollectorConfig(cluster.str, authority.str, p, <i32>batch, <u32>interval, <i32>maxBuffered, <u32>timeout);
}
