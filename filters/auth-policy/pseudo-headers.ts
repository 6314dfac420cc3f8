// The request's :method, :path and :authority, found in one pass over the header map. Each must
// appear exactly once: a request with one missing or repeated cannot be judged.
import { HeaderPairs } from "../common/headers/pairs";
import { bytesEqualAt, utf8 } from "../common/bytes";

const METHOD = utf8(":method");
export const PATH = utf8(":path");
const AUTHORITY = utf8(":authority");

export class PseudoHeaders {
  method: i32 = -1;
  path: i32 = -1;
  authority: i32 = -1;
}

// Reused: one request at a time per VM, and callers read the indices before the next request.
const found = new PseudoHeaders();

/** Entry indices in `h`, or null when one of the three is missing or repeated. */
export function findPseudoHeaders(h: HeaderPairs): PseudoHeaders | null {
  found.method = -1; found.path = -1; found.authority = -1;
  for (let i = 0; i < h.count; i++) {
    const k = h.keyPtr(i), n = h.keyLen(i);
    if (n < 5 || load<u8>(k) != 0x3a) continue;
    // By length first (:path 5, :method 7, :authority 10): one comparison per pseudo-header.
    if (n == 7 && bytesEqualAt(k, n, METHOD)) {
      if (found.method >= 0) return null;
      found.method = i;
    } else if (n == 5 && bytesEqualAt(k, n, PATH)) {
      if (found.path >= 0) return null;
      found.path = i;
    } else if (n == 10 && bytesEqualAt(k, n, AUTHORITY)) {
      if (found.authority >= 0) return null;
      found.authority = i;
    }
  }
  return found.method < 0 || found.path < 0 || found.authority < 0 ? null : found;
}
