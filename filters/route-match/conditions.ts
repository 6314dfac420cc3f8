// Evaluates RequestMatch conditions against one request. Conditions inside a match all hold;
// a route's matches are alternatives; a route without matches catches all.
//
// Repeated headers (verified on Envoy 1.40's own route matcher): a value condition holds when ANY
// of the header's values satisfies it, each value judged on its own (no comma-joining);
// `present` means at least one entry; a value condition on a missing header is false; `invert`
// flips the whole condition's result (so an inverted condition holds on a missing header, as
// Istio's withoutHeaders means). Query parameters (also as Envoy 1.40): the FIRST occurrence of
// the name counts, names and values are compared raw (no percent-decoding, '+' is '+'), and
// `?k` has the value "".
import { HeaderCondition, HeaderMode, PathCondition, PathKind, QueryCondition, RequestMatch, Route } from "./model";
import { RequestHeaders } from "./request";

export class RequestFacts {
  headers: RequestHeaders = new RequestHeaders();
  pathPtr: usize = 0;
  pathLen: usize = 0;
  queryPtr: usize = 0;
  queryLen: usize = 0;
  methodPtr: usize = 0;
  methodLen: usize = 0;
}

export function routeMatches(route: Route, facts: RequestFacts): bool {
  const matches = route.matches;
  if (matches.length == 0) return true;
  for (let i = 0; i < matches.length; i++) {
    if (requestMatches(unchecked(matches[i]), facts)) return true;
  }
  return false;
}

function requestMatches(m: RequestMatch, facts: RequestFacts): bool {
  const path = m.path;
  if (path !== null && !pathMatches(path, facts.pathPtr, facts.pathLen)) return false;
  const method = m.method;
  if (method !== null) {
    if (facts.methodLen != <usize>method.byteLength) return false;
    if (memory.compare(facts.methodPtr, changetype<usize>(method), facts.methodLen) != 0) return false;
  }
  for (let i = 0; i < m.headers.length; i++) {
    if (!headerHolds(unchecked(m.headers[i]), facts.headers)) return false;
  }
  for (let i = 0; i < m.query.length; i++) {
    if (!queryHolds(unchecked(m.query[i]), facts.queryPtr, facts.queryLen)) return false;
  }
  return true;
}

export function pathMatches(c: PathCondition, ptr: usize, len: usize): bool {
  if (c.kind == PathKind.Plain) return c.matcher.matches(ptr, len);
  // Segment-aware prefix: the prefix (without trailing '/') then the end or a '/'.
  const n = <usize>c.matcher.value.byteLength;
  if (len < n || !c.matcher.matches(ptr, n)) return false;
  return len == n || load<u8>(ptr + n) == 0x2f;
}

function headerHolds(c: HeaderCondition, headers: RequestHeaders): bool {
  let found = false;
  let i = headers.find(c.name);
  if (c.mode != HeaderMode.Value) {
    found = i >= 0;
    const holds = c.mode == HeaderMode.Present ? found : !found;
    return holds != c.invert;
  }
  const matcher = c.matcher!;
  while (i >= 0 && !found) {
    found = matcher.matches(headers.valuePtr(i), headers.valueLength(i));
    i = headers.find(c.name, i + 1);
  }
  return found != c.invert;
}

function queryHolds(c: QueryCondition, ptr: usize, len: usize): bool {
  const name = changetype<usize>(c.name);
  const nameLen = <usize>c.name.byteLength;
  let start: usize = 0;
  while (start <= len) {
    let end = start;
    while (end < len && load<u8>(ptr + end) != 0x26) end++; // '&'
    let eq = start;
    while (eq < end && load<u8>(ptr + eq) != 0x3d) eq++; // '='
    if (eq - start == nameLen && memory.compare(ptr + start, name, nameLen) == 0) {
      const matcher = c.matcher;
      if (matcher === null) return true;
      const valueStart = eq < end ? eq + 1 : end;
      return matcher.matches(ptr + valueStart, end - valueStart);
    }
    start = end + 1;
  }
  return false;
}
