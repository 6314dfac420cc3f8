// MAC comparison without an early exit, so timing does not reveal how many leading bytes of a
// forged tag were right.

/** Whether a and b hold the same bytes; time depends only on the lengths. */
export function constantTimeEqual(a: ArrayBuffer, b: ArrayBuffer): bool {
  const n = a.byteLength;
  if (n != b.byteLength) return false;
  const pa = changetype<usize>(a);
  const pb = changetype<usize>(b);
  let diff: u32 = 0;
  for (let i = 0; i < n; i++) {
    diff |= <u32>(load<u8>(pa + i) ^ load<u8>(pb + i));
  }
  return diff == 0;
}

/** Whether bytes [ptr, ptr+len) equal all of `b`, eight bytes at a time (unaligned loads are
 * fine in wasm); time depends only on the lengths. */
export function constantTimeEqualAt(ptr: usize, len: usize, b: ArrayBuffer): bool {
  if (len != <usize>b.byteLength) return false;
  const q = changetype<usize>(b);
  let diff: u64 = 0;
  let i: usize = 0;
  // 32 bytes per iteration: a cached token (hundreds of bytes) is compared on every request.
  for (; i + 32 <= len; i += 32) {
    diff |= (load<u64>(ptr + i) ^ load<u64>(q + i)) | (load<u64>(ptr + i, 8) ^ load<u64>(q + i, 8))
      | (load<u64>(ptr + i, 16) ^ load<u64>(q + i, 16)) | (load<u64>(ptr + i, 24) ^ load<u64>(q + i, 24));
  }
  for (; i + 8 <= len; i += 8) diff |= load<u64>(ptr + i) ^ load<u64>(q + i);
  for (; i < len; i++) diff |= <u64>(load<u8>(ptr + i) ^ load<u8>(q + i));
  return diff == 0;
}
