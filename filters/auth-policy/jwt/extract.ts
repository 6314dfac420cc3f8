// Finds a provider's token in the request: configured headers (with their prefix, compared
// case-insensitively as auth schemes are), query parameters, cookies. Every header entry is
// looked at, not only the first; more than one token for a provider is ambiguous and refused.
import { item } from "../rules/item";
import { HeaderPairs } from "../../common/headers/pairs";
import { Provider } from "./provider";
import { encodeUtf8 } from "../../common/encoding/utf8";

const COOKIE = encodeUtf8("cookie");

/** Where the token is: inside the header map's or the path's bytes, which outlive the request
 * handling, so nothing is copied until a token has to be cached. */
export class FoundToken {
  ptr: usize = 0;
  len: usize = 0;
  /** The header that carried it (removed when the provider does not forward), or null. */
  header: ArrayBuffer | null = null;
  count: i32 = 0;

  take(ptr: usize, len: usize, header: ArrayBuffer | null): void {
    this.count++;
    if (this.count == 1) { this.ptr = ptr; this.len = len; this.header = header; }
  }
}

// Reused: the caller reads the result before looking for the next provider's token.
const found = new FoundToken();

export function findToken(p: Provider, h: HeaderPairs, path: ArrayBuffer): FoundToken {
  return findTokenAt(p, h, changetype<usize>(path), <usize>path.byteLength);
}

/** As findToken, for the raw :path at [pathPtr, pathPtr+pathLen). */
export function findTokenAt(p: Provider, h: HeaderPairs, pathPtr: usize, pathLen: usize): FoundToken {
  found.ptr = 0; found.len = 0; found.header = null; found.count = 0;
  for (let l = 0; l < p.fromHeaders.length; l++) {
    const loc = item(p.fromHeaders, l);
    const plen = <usize>loc.prefix.byteLength;
    for (let i = h.indexOf(loc.name); i >= 0; i = h.indexOf(loc.name, i + 1)) {
      const vp = h.valuePtr(i), vl = h.valueLen(i);
      if (vl < plen || !prefixEqualsIgnoreCase(vp, changetype<usize>(loc.prefix), plen)) continue;
      found.take(vp + plen, vl - plen, loc.name);
    }
  }
  if (p.fromParams.length > 0) findInQuery(p, pathPtr, pathLen, found);
  if (p.fromCookies.length > 0) {
    for (let i = h.indexOf(COOKIE); i >= 0; i = h.indexOf(COOKIE, i + 1)) findInCookies(p, h.valuePtr(i), h.valueLen(i), found);
  }
  return found;
}

function prefixEqualsIgnoreCase(a: usize, b: usize, n: usize): bool {
  for (let i: usize = 0; i < n; i++) {
    let x = load<u8>(a + i), y = load<u8>(b + i);
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x != y) return false;
  }
  return true;
}

function nameIs(ptr: usize, len: usize, name: ArrayBuffer): bool {
  return len == <usize>name.byteLength && memory.compare(ptr, changetype<usize>(name), len) == 0;
}

function findInQuery(p: Provider, base: usize, len: usize, found: FoundToken): void {
  let q: usize = 0;
  while (q < len && load<u8>(base + q) != 0x3f) q++;
  let start = q + 1;
  while (start < len) {
    let end = start;
    while (end < len && load<u8>(base + end) != 0x26 && load<u8>(base + end) != 0x23) end++;
    let eq = start;
    while (eq < end && load<u8>(base + eq) != 0x3d) eq++;
    for (let i = 0; i < p.fromParams.length; i++) {
      if (eq < end && nameIs(base + start, eq - start, unchecked(p.fromParams[i]))) found.take(base + eq + 1, end - eq - 1, null);
    }
    if (end < len && load<u8>(base + end) == 0x23) break;
    start = end + 1;
  }
}

function findInCookies(p: Provider, ptr: usize, len: usize, found: FoundToken): void {
  let start: usize = 0;
  while (start < len) {
    while (start < len && load<u8>(ptr + start) == 0x20) start++;
    let end = start;
    while (end < len && load<u8>(ptr + end) != 0x3b) end++;
    let eq = start;
    while (eq < end && load<u8>(ptr + eq) != 0x3d) eq++;
    for (let i = 0; i < p.fromCookies.length; i++) {
      if (eq < end && nameIs(ptr + start, eq - start, unchecked(p.fromCookies[i]))) {
        let vend = end;
        while (vend > eq + 1 && load<u8>(ptr + vend - 1) == 0x20) vend--;
        found.take(ptr + eq + 1, vend - eq - 1, null);
      }
    }
    start = end + 1;
  }
}
