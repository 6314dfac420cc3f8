// Helpers for the crypto specs: test vectors are written as hex, base64url or ASCII.
import { base64urlDecodeString } from "../../encoding/base64url";

export function hex(s: string): ArrayBuffer {
  const out = new ArrayBuffer(s.length >> 1);
  for (let i = 0; i < out.byteLength; i++) {
    store<u8>(changetype<usize>(out) + i, <u8>I32.parseInt(s.substr(i << 1, 2), 16));
  }
  return out;
}

export function toHex(b: ArrayBuffer): string {
  let s = "";
  for (let i = 0; i < b.byteLength; i++) {
    const v = load<u8>(changetype<usize>(b) + i);
    s += (v < 16 ? "0" : "") + v.toString(16);
  }
  return s;
}

export function ascii(s: string): ArrayBuffer {
  return String.UTF8.encode(s);
}

/** base64url that the test knows to be valid. */
export function b64(s: string): ArrayBuffer {
  const d = base64urlDecodeString(s);
  assert(d !== null, "bad base64url in a test vector: " + s);
  return d!;
}

export function repeat(byte: u8, n: i32): ArrayBuffer {
  const out = new ArrayBuffer(n);
  memory.fill(changetype<usize>(out), byte, n);
  return out;
}

/** A copy of b with bit `bitIndex` flipped. */
export function flipBit(b: ArrayBuffer, bitIndex: i32): ArrayBuffer {
  const out = b.slice(0);
  const p = changetype<usize>(out) + (bitIndex >> 3);
  store<u8>(p, load<u8>(p) ^ (<u8>1 << <u8>(bitIndex & 7)));
  return out;
}
