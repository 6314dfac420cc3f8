// For filters built on AssemblyScript's minimal runtime (asconfig.json): no shadow stack and no
// incremental GC steps in the request path; garbage is freed only by an explicit __collect().
// __collect() is safe only where no managed object is held by a wasm local alone: at the end of
// on_configure and of a stream's on_done, where everything live is reachable from globals (the
// root and stream maps, the configuration, caches, reused buffers).
//
// A collection visits the whole live heap, while a request leaves little garbage. So, as a
// classic heap-growth policy: collect once the garbage could be as large as the heap after
// configuration (at least 512 KiB), with requests reporting an estimate of their garbage; and
// also as soon as memory had to grow since the last collection (a run of unusually large
// requests), so the estimate being low can raise the heap once but not ratchet it up. Memory
// stays within about twice the configured heap, and a collection's cost is spread over as many
// more requests as the heap is larger.
const MIN_BUDGET: usize = 512 << 10;

let budget: usize = MIN_BUDGET;
let garbage: usize = 0;
let pages: i32 = 0;

/** Call at the end of a stream's on_done with the request's estimated garbage in bytes. */
export function collectAfterRequest(estimatedGarbage: usize): void {
  garbage += estimatedGarbage;
  if (garbage < budget && memory.size() == pages) return;
  garbage = 0;
  __collect();
  pages = memory.size();
}

/** Call at the end of on_configure (frees what parsing the configuration left behind). */
export function collectAfterConfigure(): void {
  __collect();
  const heapBytes = <usize>memory.size() << 16;
  budget = max(MIN_BUDGET, heapBytes);
  garbage = 0;
  pages = memory.size();
}
