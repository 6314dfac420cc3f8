// Route selection: the first route (in the order the generator emitted) whose matches hold.
import { PathKind, PathMatch, Route } from "./config";

/** Index of the first matching route for the path bytes at [ptr, ptr+len), or -1. */
export function selectRoute(routes: Route[], ptr: usize, len: usize): i32 {
  for (let i = 0; i < routes.length; i++) {
    const matches = unchecked(routes[i]).matches;
    if (matches.length == 0) return i;
    for (let j = 0; j < matches.length; j++) {
      if (pathMatches(unchecked(matches[j]), ptr, len)) return i;
    }
  }
  return -1;
}

function pathMatches(m: PathMatch, ptr: usize, len: usize): bool {
  const want = <usize>m.value.byteLength;
  if (m.kind == PathKind.Exact) {
    return len == want && memory.compare(ptr, changetype<usize>(m.value), len) == 0;
  }
  return len >= want && memory.compare(ptr, changetype<usize>(m.value), want) == 0;
}

/** Length of the path without its query string or fragment. */
export function pathLength(ptr: usize, len: usize): usize {
  for (let i: usize = 0; i < len; i++) {
    const c = load<u8>(ptr + i);
    if (c == 0x3f || c == 0x23) return i;
  }
  return len;
}
