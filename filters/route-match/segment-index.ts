// Indexes a virtual host's routes by the first path segment, when that pays (many routes whose
// paths pin the first segment). A lookup yields the routes, still in configuration order, that
// can match a path with that first segment: the ones keyed on it and the ones that are not keyed.
import { utf8 } from "../common/bytes";
import { MatchKind } from "../common/match/string-matcher";
import { ByteMap } from "../common/match/byte-map";
import { PathKind, Route } from "./model";

/** Below this many routes a linear scan is as fast. */
const MIN_ROUTES = 8;

export class SegmentIndex {
  constructor(
    readonly keys: ByteMap,
    /** lists[i]: route indices in order; the last list is for segments that are not keys. */
    readonly lists: StaticArray<StaticArray<i32>>,
  ) {}

  /** Candidate route indices for a path whose first segment is [ptr, ptr+len). */
  @inline candidates(ptr: usize, len: usize): StaticArray<i32> {
    const k = this.keys.get(ptr, len);
    return unchecked(this.lists[k < 0 ? this.lists.length - 1 : k]);
  }
}

/** The first segment of a path: after the leading '/', up to the next '/' (or the end). */
export function firstSegmentEnd(ptr: usize, len: usize): usize {
  for (let i: usize = 1; i < len; i++) if (load<u8>(ptr + i) == 0x2f) return i;
  return len;
}

/** The first-segment keys a route is limited to, or null when it can match any path. */
function routeKeys(route: Route): string[] | null {
  if (route.matches.length == 0) return null;
  const keys = new Array<string>();
  for (let i = 0; i < route.matches.length; i++) {
    const path = route.matches[i].path;
    if (path === null) return null;
    const m = path.matcher;
    if (m.ignoreCase || m.kind == MatchKind.Regex || m.kind == MatchKind.Suffix) return null;
    const value = String.UTF8.decode(m.value);
    const slash = value.indexOf("/", 1);
    let key: string;
    if (m.kind == MatchKind.Exact) key = slash < 0 ? value.substring(1) : value.substring(1, slash);
    else if (path.kind == PathKind.SegmentPrefix) {
      if (value.length == 0) return null; // "/" matches every path
      key = slash < 0 ? value.substring(1) : value.substring(1, slash);
    } else if (slash > 0) key = value.substring(1, slash); // a plain prefix pins the segment only up to a '/'
    else return null;
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

export function buildSegmentIndex(routes: Route[]): SegmentIndex | null {
  if (routes.length < MIN_ROUTES) return null;
  const perRoute = new Array<string[] | null>();
  const distinct = new Array<string>();
  for (let i = 0; i < routes.length; i++) {
    const keys = routeKeys(routes[i]);
    perRoute.push(keys);
    if (keys !== null) for (let k = 0; k < keys.length; k++) if (!distinct.includes(keys[k])) distinct.push(keys[k]);
  }
  if (distinct.length == 0) return null;
  const map = new ByteMap(distinct.length);
  const lists = new Array<StaticArray<i32>>();
  for (let d = 0; d <= distinct.length; d++) {
    const picked = new Array<i32>();
    for (let i = 0; i < routes.length; i++) {
      const keys = perRoute[i];
      if (keys === null || (d < distinct.length && keys.includes(distinct[d]))) picked.push(i);
    }
    lists.push(StaticArray.fromArray<i32>(picked));
    if (d < distinct.length) map.set(utf8(distinct[d]), d);
  }
  return new SegmentIndex(map, StaticArray.fromArray<StaticArray<i32>>(lists));
}
