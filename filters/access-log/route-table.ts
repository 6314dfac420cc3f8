// Route ids → their request counters, found by a hash of the id's bytes (open addressing, linear
// probing), so a request neither scans every known route nor allocates.
import { copyFrom, bytesEqualAt } from "../common/bytes";

/** Distinct routes per VM; beyond this, requests count under route "other". */
export const MAX_ROUTES = 512;
/** Power of two, twice MAX_ROUTES: probes stay short. */
const TABLE_SIZE = 1024;

export class RouteCounters {
  /** Counter slot per status class 0xx–5xx, -1 until that class is first seen. */
  readonly slots: StaticArray<i32> = new StaticArray<i32>(6);

  constructor(readonly route: ArrayBuffer, readonly hash: u32) {
    for (let i = 0; i < 6; i++) this.slots[i] = -1;
  }
}

export class RouteTable {
  private routes: RouteCounters[] = [];
  /** Index into routes + 1 (0: empty). */
  private table: StaticArray<i32> = new StaticArray<i32>(TABLE_SIZE);

  /** The route with id bytes [ptr, ptr+len), added when new; null once MAX_ROUTES are known. */
  find(ptr: usize, len: i32): RouteCounters | null {
    const hash = fnv1a(ptr, len);
    let i = <i32>(hash & (TABLE_SIZE - 1));
    for (;;) {
      const at = unchecked(this.table[i]);
      if (at == 0) break;
      const r = unchecked(this.routes[at - 1]);
      if (r.hash == hash && bytesEqualAt(ptr, <usize>len, r.route)) return r;
      i = (i + 1) & (TABLE_SIZE - 1);
    }
    if (this.routes.length >= MAX_ROUTES) return null;
    const r = new RouteCounters(copyFrom(ptr, <usize>len), hash);
    this.routes.push(r);
    this.table[i] = this.routes.length;
    return r;
  }
}

function fnv1a(ptr: usize, len: i32): u32 {
  let h: u32 = 0x811c9dc5;
  for (let i = 0; i < len; i++) h = (h ^ <u32>load<u8>(ptr + <usize>i)) * 0x01000193;
  return h;
}
