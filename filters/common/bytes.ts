// Byte-string helpers. Filters keep header names and values as bytes (ArrayBuffer): values may
// be non-UTF-8, and comparing bytes avoids a UTF-16 round trip per request.
import { encodeUtf8 } from "./encoding/utf8";

/** UTF-8 bytes of a string (config time, not per request). */
export function utf8(s: string): ArrayBuffer {
  return encodeUtf8(s);
}

/** A string from UTF-8 bytes (invalid sequences become U+FFFD). */
export function text(b: ArrayBuffer): string {
  return String.UTF8.decode(b);
}

@inline export function ptrOf(b: ArrayBuffer): usize {
  return changetype<usize>(b);
}

/** Copies `len` bytes at `ptr` into a new ArrayBuffer. */
export function copyFrom(ptr: usize, len: usize): ArrayBuffer {
  const out = new ArrayBuffer(<i32>len);
  memory.copy(changetype<usize>(out), ptr, len);
  return out;
}

/** Whether bytes [ptr, ptr+len) equal all of `b`. */
export function bytesEqualAt(ptr: usize, len: usize, b: ArrayBuffer): bool {
  if (len != <usize>b.byteLength) return false;
  return memory.compare(ptr, changetype<usize>(b), len) == 0;
}

export function bytesEqual(a: ArrayBuffer, b: ArrayBuffer): bool {
  return bytesEqualAt(changetype<usize>(a), a.byteLength, b);
}

/** Concatenation of two byte strings. */
export function concat(a: ArrayBuffer, b: ArrayBuffer): ArrayBuffer {
  const out = new ArrayBuffer(a.byteLength + b.byteLength);
  memory.copy(changetype<usize>(out), changetype<usize>(a), a.byteLength);
  memory.copy(changetype<usize>(out) + a.byteLength, changetype<usize>(b), b.byteLength);
  return out;
}
