// route-match runs on AssemblyScript's minimal runtime (asconfig.json): no shadow stack and no
// incremental GC steps in the request path; garbage is collected only where this file says.
// __collect() is safe only where no managed object is held by a wasm local alone: at the end of
// on_configure and in on_done, where everything live is reachable from globals (the roots and
// streams maps, the scratch buffers). A request leaves one small context object behind, so
// collecting every COLLECT_EVERY requests bounds garbage at a few hundred KiB, and a full
// collection's cost (it visits the whole route table) is shared by that many requests.
const COLLECT_EVERY: u32 = 8192;

let finished: u32 = 0;

/** Call at the end of on_done of each request. */
export function collectAfterRequest(): void {
  if (++finished < COLLECT_EVERY) return;
  finished = 0;
  __collect();
}

/** Call at the end of on_configure (frees what parsing the configuration left behind). */
export function collectAfterConfigure(): void {
  __collect();
}
