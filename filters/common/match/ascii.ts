// ASCII case folding over bytes: header names, hosts and case-insensitive matchers compare this
// way (non-ASCII bytes compare exactly, as Envoy's `ignore_case` does).

@inline export function lowerAscii(c: u8): u8 {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

/** Whether [a, a+len) and [b, b+len) are equal, ignoring ASCII case when `ignoreCase`. */
export function bytesEqualN(a: usize, b: usize, len: usize, ignoreCase: bool): bool {
  if (!ignoreCase) return memory.compare(a, b, len) == 0;
  for (let i: usize = 0; i < len; i++) {
    if (lowerAscii(load<u8>(a + i)) != lowerAscii(load<u8>(b + i))) return false;
  }
  return true;
}

/** A lower-cased copy (config time). */
export function lowerCopy(b: ArrayBuffer): ArrayBuffer {
  const out = new ArrayBuffer(b.byteLength);
  for (let i = 0; i < b.byteLength; i++) {
    store<u8>(changetype<usize>(out) + i, lowerAscii(load<u8>(changetype<usize>(b) + i)));
  }
  return out;
}
