// IP addresses and CIDR blocks, IPv4 and IPv6, as 16 bytes (IPv4 as ::ffff:a.b.c.d, so an
// IPv4-mapped peer address matches IPv4 blocks). Parsing is strict; anything odd is null.
import { encodeUtf8 } from "../../common/encoding/utf8";

export class IpAddress {
  constructor(readonly bytes: StaticArray<u8>, readonly v4: bool) {}
}

export class CidrBlock {
  constructor(readonly address: IpAddress, /** prefix bits over the 16-byte form */ readonly bits: i32) {}

  contains(ip: IpAddress): bool {
    const a = this.address.bytes, b = ip.bytes;
    const full = this.bits >> 3;
    for (let i = 0; i < full; i++) if (unchecked(a[i]) != unchecked(b[i])) return false;
    const rest = this.bits & 7;
    if (rest == 0) return true;
    const mask = <u8>(<u32>0xff << <u32>(8 - rest));
    return (unchecked(a[full]) & mask) == (unchecked(b[full]) & mask);
  }
}

/** Parses `ip` or `ip/bits` (config). Host bits beyond the prefix are ignored, as in Envoy. */
export function parseCidr(s: string): CidrBlock | null {
  const slash = s.indexOf("/");
  const ipText = slash < 0 ? s : s.substring(0, slash);
  const ip = parseIpString(ipText);
  if (ip === null) return null;
  const max = ip.v4 ? 32 : 128;
  let bits = max;
  if (slash >= 0) {
    const n = parseDecimal(s.substring(slash + 1), max);
    if (n < 0) return null;
    bits = n;
  }
  const total = ip.v4 ? bits + 96 : bits;
  return new CidrBlock(maskedCopy(ip, total), total);
}

function maskedCopy(ip: IpAddress, bits: i32): IpAddress {
  const out = new StaticArray<u8>(16);
  for (let i = 0; i < 16; i++) {
    const keep = bits >= (i + 1) * 8 ? 8 : bits <= i * 8 ? 0 : bits - i * 8;
    out[i] = keep == 0 ? 0 : <u8>(<u32>ip.bytes[i] & (<u32>0xff << <u32>(8 - keep)));
  }
  return new IpAddress(out, ip.v4);
}

function parseDecimal(s: string, max: i32): i32 {
  if (s.length == 0 || s.length > 3) return -1;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  if (s.length > 1 && s.charCodeAt(0) == 48) return -1;
  return n > max ? -1 : n;
}

export function parseIpString(s: string): IpAddress | null {
  const b = encodeUtf8(s);
  return parseIp(changetype<usize>(b), <usize>b.byteLength);
}

/** Parses an IPv4 dotted quad or an IPv6 address (RFC 4291 text forms) from bytes. */
export function parseIp(ptr: usize, len: usize): IpAddress | null {
  let colon = false;
  for (let i: usize = 0; i < len; i++) if (load<u8>(ptr + i) == 0x3a) { colon = true; break; }
  const out = new StaticArray<u8>(16);
  if (!colon) {
    out[10] = 0xff; out[11] = 0xff;
    return parseV4(ptr, len, out, 12) ? new IpAddress(out, true) : null;
  }
  if (!parseV6(ptr, len, out)) return null;
  let mapped = true;
  for (let i = 0; i < 10; i++) if (out[i] != 0) mapped = false;
  return new IpAddress(out, mapped && out[10] == 0xff && out[11] == 0xff);
}

function parseV4(ptr: usize, len: usize, out: StaticArray<u8>, at: i32): bool {
  let part = 0, value = 0, digits = 0;
  for (let i: usize = 0; i <= len; i++) {
    const c: u32 = i < len ? load<u8>(ptr + i) : 0x2e;
    if (c == 0x2e) {
      if (digits == 0 || part > 3) return false;
      out[at + part] = <u8>value;
      part++; value = 0; digits = 0;
    } else if (c >= 0x30 && c <= 0x39) {
      if (digits > 0 && value == 0) return false; // no leading zeros (octal ambiguity)
      value = value * 10 + <i32>(c - 0x30);
      digits++;
      if (value > 255) return false;
    } else return false;
  }
  return part == 4;
}

function hexValue(c: u32): i32 {
  if (c >= 0x30 && c <= 0x39) return <i32>c - 0x30;
  if (c >= 0x61 && c <= 0x66) return <i32>c - 0x57;
  if (c >= 0x41 && c <= 0x46) return <i32>c - 0x37;
  return -1;
}

function parseV6(ptr: usize, len: usize, out: StaticArray<u8>): bool {
  const groups = new StaticArray<u16>(8);
  let n = 0, gap = -1;
  let i: usize = 0;
  if (len >= 2 && load<u8>(ptr) == 0x3a) {
    if (load<u8>(ptr + 1) != 0x3a) return false;
    gap = 0; i = 2;
    if (len == 2) { return fill(groups, n, gap, out); }
  }
  while (i < len) {
    const start = i;
    let value = 0;
    while (i < len && hexValue(load<u8>(ptr + i)) >= 0 && i - start < 4) { value = (value << 4) | hexValue(load<u8>(ptr + i)); i++; }
    if (i < len && load<u8>(ptr + i) == 0x2e) {
      // Trailing dotted IPv4 part.
      if (n > 6) return false;
      const v4 = new StaticArray<u8>(16);
      if (!parseV4(ptr + start, len - start, v4, 0)) return false;
      groups[n++] = (<u16>v4[0] << 8) | v4[1];
      groups[n++] = (<u16>v4[2] << 8) | v4[3];
      return fill(groups, n, gap, out);
    }
    if (i == start || n >= 8) return false;
    groups[n++] = <u16>value;
    if (i == len) break;
    if (load<u8>(ptr + i) != 0x3a) return false;
    i++;
    if (i < len && load<u8>(ptr + i) == 0x3a) {
      if (gap >= 0) return false;
      gap = n; i++;
      if (i == len) break;
    } else if (i == len) return false;
  }
  return fill(groups, n, gap, out);
}

function fill(groups: StaticArray<u16>, n: i32, gap: i32, out: StaticArray<u8>): bool {
  if (gap < 0 && n != 8) return false;
  if (gap >= 0 && n > 7) return false;
  const missing = 8 - n;
  let g = 0;
  for (let i = 0; i < 8; i++) {
    let v: u16 = 0;
    if (gap >= 0 && i >= gap && i < gap + missing) v = 0;
    else v = groups[g++];
    out[i * 2] = <u8>(v >> 8);
    out[i * 2 + 1] = <u8>v;
  }
  return true;
}

/** The IP of Envoy's `source.address`/`destination.address` ("1.2.3.4:80", "[::1]:80"). */
export function ipOfSocketAddress(ptr: usize, len: usize): IpAddress | null {
  if (len == 0) return null;
  if (load<u8>(ptr) == 0x5b) {
    for (let i: usize = 1; i < len; i++) {
      if (load<u8>(ptr + i) == 0x5d) return parseIp(ptr + 1, i - 1);
    }
    return null;
  }
  for (let i = <isize>len - 1; i >= 0; i--) {
    if (load<u8>(ptr + i) == 0x3a) return parseIp(ptr, <usize>i);
  }
  return parseIp(ptr, len);
}
