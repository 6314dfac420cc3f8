// Picks a route's destination: by weight, at random (WASI random_get seeds Math.random), or by a
// hash of a header's or cookie's value so the same value keeps the same destination.
import { Route } from "./model";
import { RequestHeaders } from "./request";
import { fnv1a64 } from "../common/hash";
import { encodeUtf8 } from "../common/encoding/utf8";

const COOKIE = encodeUtf8("cookie");

export function pickDestination(route: Route, headers: RequestHeaders): i32 {
  const n = route.cumulative.length;
  if (n == 1) return 0;
  const total = route.totalWeight;
  let point: u64;
  const key = stickyKey(route, headers);
  if (key >= 0) point = <u64>key % total;
  else point = <u64>(Math.random() * <f64>total);
  if (point >= total) point = total - 1;
  for (let i = 0; i < n; i++) if (point < unchecked(route.cumulative[i])) return i;
  return n - 1;
}

// Scratch results of cookie lookups (no allocation per request).
let foundPtr: usize = 0;
let foundLen: usize = 0;

/** A non-negative hash of the sticky value, or -1 when the route is not sticky or it is absent. */
function stickyKey(route: Route, headers: RequestHeaders): i64 {
  const header = route.stickyHeader;
  if (header !== null) {
    const i = headers.find(header);
    return i < 0 ? -1 : <i64>(fnv1a64(headers.valuePtr(i), headers.valueLength(i)) >>> 1);
  }
  const cookie = route.stickyCookie;
  if (cookie === null) return -1;
  for (let i = headers.find(COOKIE); i >= 0; i = headers.find(COOKIE, i + 1)) {
    if (findCookie(headers.valuePtr(i), headers.valueLength(i), cookie)) return <i64>(fnv1a64(foundPtr, foundLen) >>> 1);
  }
  return -1;
}

/** Finds `name=value` in a Cookie header (pairs split by ';', spaces trimmed, quotes removed). */
function findCookie(ptr: usize, len: usize, name: ArrayBuffer): bool {
  const nameLen = <usize>name.byteLength;
  let start: usize = 0;
  while (start < len) {
    let end = start;
    while (end < len && load<u8>(ptr + end) != 0x3b) end++;
    let s = start;
    while (s < end && load<u8>(ptr + s) == 0x20) s++;
    if (end - s > nameLen && load<u8>(ptr + s + nameLen) == 0x3d &&
      memory.compare(ptr + s, changetype<usize>(name), nameLen) == 0) {
      let v = s + nameLen + 1, e = end;
      while (e > v && load<u8>(ptr + e - 1) == 0x20) e--;
      if (e - v >= 2 && load<u8>(ptr + v) == 0x22 && load<u8>(ptr + e - 1) == 0x22) { v++; e--; }
      foundPtr = ptr + v;
      foundLen = e - v;
      return true;
    }
    start = end + 1;
  }
  return false;
}
