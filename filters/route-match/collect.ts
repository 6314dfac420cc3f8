// route-match's garbage per request is its context object and a share of the streams map's
// rehashes (the header block is read into reused buffers): about 64 bytes.
import { collectAfterRequest as collect } from "../common/gc/collection";
export { collectAfterConfigure } from "../common/gc/collection";

const GARBAGE_PER_REQUEST: usize = 64;

/** Call at the end of on_done of each request. */
export function collectAfterRequest(): void {
  collect(GARBAGE_PER_REQUEST);
}
