// Array elements read without a call: in the request path, `unchecked(a[i])` is a call to
// Array#__uget, which the optimizer does not inline at the size-leaning shrinkLevel the filters
// are built with. Only for indices the caller has bounded by the array's length.

@inline export function item<T>(a: Array<T>, i: i32): T {
  return load<T>(a.dataStart + (<usize>i << alignof<T>()));
}
