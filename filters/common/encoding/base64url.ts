// Strict base64url (RFC 4648 §5) as JWS uses it (RFC 7515 §2): no padding, no '+' '/' or
// whitespace, and the unused low bits of the last character must be zero, so that every byte
// string has exactly one accepted spelling. Never throws: bad input gives null.
import { encodeUtf8 } from "./utf8";

// Built on first use: only the encoder reads it, and filters only decode.
// @ts-ignore: decorator
@lazy const TABLE: ArrayBuffer = encodeUtf8("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

// Value + 1 of each ASCII character (0: not base64url), filled at start-up: one load per
// character where a chain of range tests, inlined at each of nine uses, was larger code.
const VALUES: usize = memory.data(128);
for (let i = 0; i < 26; i++) {
  store<u8>(VALUES + 0x41 + i, <u8>(i + 1)); // A-Z: 0-25
  store<u8>(VALUES + 0x61 + i, <u8>(i + 27)); // a-z: 26-51
}
for (let i = 0; i < 10; i++) store<u8>(VALUES + 0x30 + i, <u8>(i + 53)); // 0-9: 52-61
store<u8>(VALUES + 0x2d, 63); // '-': 62
store<u8>(VALUES + 0x5f, 64); // '_': 63

/** Value of one base64url character, or -1. */
@inline function sextet(c: u32): i32 {
  return c < 128 ? <i32>load<u8>(VALUES + c) - 1 : -1;
}

/** Decodes `len` base64url bytes at `ptr`; null if not canonical base64url. */
export function base64urlDecodeAt(ptr: usize, len: i32): ArrayBuffer | null {
  if (len < 0) return null;
  const rem = len & 3;
  if (rem == 1) return null;
  const outLen = (len >> 2) * 3 + (rem == 0 ? 0 : rem - 1);
  const out = new ArrayBuffer(outLen);
  const dst = changetype<usize>(out);
  let o: usize = 0;
  let i = 0;
  const full = len - rem;
  while (i < full) {
    const a = sextet(load<u8>(ptr + i));
    const b = sextet(load<u8>(ptr + i + 1));
    const c = sextet(load<u8>(ptr + i + 2));
    const d = sextet(load<u8>(ptr + i + 3));
    if ((a | b | c | d) < 0) return null;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    store<u8>(dst + o, <u8>(v >> 16));
    store<u8>(dst + o + 1, <u8>(v >> 8));
    store<u8>(dst + o + 2, <u8>v);
    o += 3;
    i += 4;
  }
  if (rem == 2) {
    const a = sextet(load<u8>(ptr + i));
    const b = sextet(load<u8>(ptr + i + 1));
    if ((a | b) < 0 || (b & 15) != 0) return null;
    store<u8>(dst + o, <u8>((a << 2) | (b >> 4)));
  } else if (rem == 3) {
    const a = sextet(load<u8>(ptr + i));
    const b = sextet(load<u8>(ptr + i + 1));
    const c = sextet(load<u8>(ptr + i + 2));
    if ((a | b | c) < 0 || (c & 3) != 0) return null;
    const v = (a << 12) | (b << 6) | c;
    store<u8>(dst + o, <u8>(v >> 10));
    store<u8>(dst + o + 1, <u8>(v >> 2));
  }
  return out;
}

/** Decodes base64url bytes; null if not canonical base64url. */
export function base64urlDecode(b64: ArrayBuffer): ArrayBuffer | null {
  return base64urlDecodeAt(changetype<usize>(b64), b64.byteLength);
}

/** Decodes a base64url string (config time, e.g. JWK fields); null if not canonical. */
export function base64urlDecodeString(s: string): ArrayBuffer | null {
  const bytes = encodeUtf8(s);
  return base64urlDecode(bytes);
}

/** base64url encoding without padding, as bytes. */
export function base64urlEncodeBytes(data: ArrayBuffer): ArrayBuffer {
  const n = data.byteLength;
  const rem = n % 3;
  const outLen = (n / 3) * 4 + (rem == 0 ? 0 : rem + 1);
  const out = new ArrayBuffer(outLen);
  const src = changetype<usize>(data);
  const dst = changetype<usize>(out);
  const table = changetype<usize>(TABLE);
  let i = 0;
  let o: usize = 0;
  while (i + 3 <= n) {
    const v = (<u32>load<u8>(src + i) << 16) | (<u32>load<u8>(src + i + 1) << 8) | load<u8>(src + i + 2);
    store<u8>(dst + o, load<u8>(table + (v >> 18)));
    store<u8>(dst + o + 1, load<u8>(table + ((v >> 12) & 63)));
    store<u8>(dst + o + 2, load<u8>(table + ((v >> 6) & 63)));
    store<u8>(dst + o + 3, load<u8>(table + (v & 63)));
    i += 3;
    o += 4;
  }
  if (rem == 1) {
    const v = <u32>load<u8>(src + i);
    store<u8>(dst + o, load<u8>(table + (v >> 2)));
    store<u8>(dst + o + 1, load<u8>(table + ((v & 3) << 4)));
  } else if (rem == 2) {
    const v = (<u32>load<u8>(src + i) << 8) | load<u8>(src + i + 1);
    store<u8>(dst + o, load<u8>(table + (v >> 10)));
    store<u8>(dst + o + 1, load<u8>(table + ((v >> 4) & 63)));
    store<u8>(dst + o + 2, load<u8>(table + ((v & 15) << 2)));
  }
  return out;
}

/** base64url encoding without padding, as a string. */
export function base64urlEncode(data: ArrayBuffer): string {
  return String.UTF8.decode(base64urlEncodeBytes(data));
}
