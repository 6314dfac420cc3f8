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
