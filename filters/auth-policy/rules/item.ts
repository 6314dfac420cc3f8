// Array elements and byte ranges compared without a call: in the request path, `unchecked(a[i])` is a call to
// Array#__uget, which the optimizer does not inline at the size-leaning shrinkLevel the filters
// are built with. Only for indices the caller has bounded by the array's length.

/** Whether n bytes at a and b are equal: eight at a time (unaligned loads are fine in wasm),
 * without the call memory.compare is; for the short literals of rules. */
@inline export function sameBytes(a: usize, b: usize, n: usize): bool {
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
  for (; i < n; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

@inline export function item<T>(a: Array<T>, i: i32): T {
  return load<T>(a.dataStart + (<usize>i << alignof<T>()));
}
