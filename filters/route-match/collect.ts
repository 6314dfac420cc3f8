// route-match runs on AssemblyScript's minimal runtime (asconfig.json): no shadow stack and no
// incremental GC steps in the request path; garbage is collected only where this file says.
// __collect() is safe only where no managed object is held by a wasm local alone: at the end of
// on_configure and in on_done, where everything live is reachable from globals (the roots and
// streams maps, the configuration, the scratch buffers).
//
// A collection visits the whole live heap (about 2 ms for a 1,000-route table), while a request
// leaves little garbage (its context object, a share of the streams map's rehashes). So, as a
// classic heap-growth policy: collect once the garbage could be as large as the heap after
// configuration (at least 512 KiB). Memory stays within about twice that, and a collection's
// cost is spread over as many more requests as the table is larger.
const GARBAGE_PER_REQUEST: u32 = 64; // bytes, rounded up
const MIN_BUDGET: u32 = 512 << 10;

let collectEvery: u32 = MIN_BUDGET / GARBAGE_PER_REQUEST;
let finished: u32 = 0;

/** Call at the end of on_done of each request. */
export function collectAfterRequest(): void {
  if (++finished < collectEvery) return;
  finished = 0;
  __collect();
}

/** Call at the end of on_configure (frees what parsing the configuration left behind). */
export function collectAfterConfigure(): void {
  __collect();
  const heapBytes = <u32>memory.size() << 16;
  collectEvery = max(MIN_BUDGET, heapBytes) / GARBAGE_PER_REQUEST;
  finished = 0;
}
