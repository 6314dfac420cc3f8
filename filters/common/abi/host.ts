// Typed wrappers over the host functions. Buffers the host returns are allocated through our
// `malloc` export (host-blocks.ts); each wrapper copies what it needs and frees the block.
import * as env from "./imports";
import { WasmResult, LogLevel, MetricType } from "./enums";
import { copyFrom, utf8 } from "../bytes";
import { HeaderPairs } from "../headers/pairs";
import { freeHostBlock } from "./host-blocks";

// Out-parameters for host calls. Safe as statics: the guest is single-threaded and the host only
// re-enters the guest through malloc, which does not touch them.
const RET_PTR: usize = memory.data(8);
const RET_LEN: usize = memory.data(8);

/** Takes ownership of the block the host returned in RET_PTR/RET_LEN. */
function takeReturned(): ArrayBuffer {
  const ptr = load<usize>(RET_PTR);
  const len = load<usize>(RET_LEN);
  if (ptr == 0 || len == 0) return new ArrayBuffer(0);
  const out = copyFrom(ptr, len);
  freeHostBlock(ptr);
  return out;
}

let cachedLogLevel: i32 = -1;

/** Whether Envoy's `wasm` logger would print `level`; read once per VM. */
export function logEnabled(level: u32): bool {
  if (cachedLogLevel < 0) {
    cachedLogLevel = env.proxy_get_log_level(RET_LEN) == WasmResult.Ok ? <i32>load<u32>(RET_LEN) : <i32>LogLevel.Info;
  }
  return <i32>level >= cachedLogLevel;
}

export function log(level: u32, message: string): void {
  const b = utf8(message);
  env.proxy_log(level, changetype<usize>(b), b.byteLength);
}

export function nowNanos(): u64 {
  env.proxy_get_current_time_nanoseconds(RET_PTR);
  return load<u64>(RET_PTR);
}

export function setTickPeriod(ms: u32): void {
  env.proxy_set_tick_period_milliseconds(ms);
}

/** Bytes of a host buffer (body, configuration), or null when unavailable. */
export function getBuffer(type: u32, start: u32 = 0, maxLen: u32 = u32.MAX_VALUE): ArrayBuffer | null {
  if (env.proxy_get_buffer_bytes(type, start, maxLen, RET_PTR, RET_LEN) != WasmResult.Ok) return null;
  return takeReturned();
}

export function getHeaderPairs(map: u32): HeaderPairs {
  if (env.proxy_get_header_map_pairs(map, RET_PTR, RET_LEN) != WasmResult.Ok) return HeaderPairs.empty();
  return HeaderPairs.decode(takeReturned());
}

/** First value of header `name` (lower-case bytes), or null when absent or unavailable. */
export function getHeader(map: u32, name: ArrayBuffer): ArrayBuffer | null {
  if (env.proxy_get_header_map_value(map, changetype<usize>(name), name.byteLength, RET_PTR, RET_LEN) != WasmResult.Ok) return null;
  return takeReturned();
}

/** Replaces every value of `name` with one value (adds it when absent). */
export function replaceHeader(map: u32, name: ArrayBuffer, value: ArrayBuffer): bool {
  return env.proxy_replace_header_map_value(map, changetype<usize>(name), name.byteLength,
    changetype<usize>(value), value.byteLength) == WasmResult.Ok;
}

export function addHeader(map: u32, name: ArrayBuffer, value: ArrayBuffer): bool {
  return env.proxy_add_header_map_value(map, changetype<usize>(name), name.byteLength,
    changetype<usize>(value), value.byteLength) == WasmResult.Ok;
}

export function removeHeader(map: u32, name: ArrayBuffer): bool {
  return env.proxy_remove_header_map_value(map, changetype<usize>(name), name.byteLength) == WasmResult.Ok;
}

/** A property by its NUL-separated path (see `propertyPath`), or null when Envoy has none. */
export function getProperty(path: ArrayBuffer): ArrayBuffer | null {
  if (env.proxy_get_property(changetype<usize>(path), path.byteLength, RET_PTR, RET_LEN) != WasmResult.Ok) return null;
  return takeReturned();
}

export function setProperty(path: ArrayBuffer, value: ArrayBuffer): bool {
  return env.proxy_set_property(changetype<usize>(path), path.byteLength, changetype<usize>(value), value.byteLength) == WasmResult.Ok;
}

/** NUL-separated property path bytes of two segments, e.g. ("connection", "uri_san_peer_certificate"). */
export function propertyPath(first: string, second: string): ArrayBuffer {
  return utf8(first + "\0" + second);
}

/**
 * Asks Envoy for a local reply. Envoy runs it after the current callback returns, through this
 * filter's own response callbacks. `headers` is a serialized pair list (see encodePairs).
 */
export function sendLocalResponse(status: u32, details: string, body: ArrayBuffer, headers: ArrayBuffer): void {
  const d = utf8(details);
  env.proxy_send_local_response(status, changetype<usize>(d), d.byteLength, changetype<usize>(body), body.byteLength,
    changetype<usize>(headers), headers.byteLength, -1);
}

export function continueStream(streamType: u32): void {
  env.proxy_continue_stream(streamType);
}

export function setEffectiveContext(contextId: u32): void {
  env.proxy_set_effective_context(contextId);
}

/** Sends an HTTP request to `cluster`; returns the call's token, or 0 when Envoy refused it. */
export function httpCall(cluster: string, headers: ArrayBuffer, body: ArrayBuffer, timeoutMs: u32): u32 {
  const c = utf8(cluster);
  const result = env.proxy_http_call(changetype<usize>(c), c.byteLength, changetype<usize>(headers), headers.byteLength,
    changetype<usize>(body), body.byteLength, 0, 0, timeoutMs, RET_PTR);
  return result == WasmResult.Ok ? load<u32>(RET_PTR) : 0;
}

/** Defines a metric; Envoy shows it under `name` in /stats and /stats/prometheus. 0 on failure. */
export function defineMetric(type: u32, name: string): u32 {
  const b = utf8(name);
  return env.proxy_define_metric(type, changetype<usize>(b), b.byteLength, RET_PTR) == WasmResult.Ok ? load<u32>(RET_PTR) : 0;
}

export function incrementCounter(id: u32, delta: i64 = 1): void {
  if (id != 0) env.proxy_increment_metric(id, delta);
}

export function recordHistogram(id: u32, value: u64): void {
  if (id != 0) env.proxy_record_metric(id, value);
}

export { MetricType };
