// The trace id of a request, from W3C `traceparent` (version-traceid-parentid-flags) or B3
// (`x-b3-traceid`, or the single `b3` header). Always 32 lower-case hex digits (a 64-bit B3 id
// is left-padded with zeros, as OpenTelemetry does), or nothing when no header holds a valid id.
import { HeaderIndex } from "./header-index";
import { ByteWriter } from "../format/writer";
import { encodeUtf8 } from "../../common/encoding/utf8";

const TRACEPARENT = encodeUtf8("traceparent");
const B3_TRACE_ID = encodeUtf8("x-b3-traceid");
const B3 = encodeUtf8("b3");

function isHex(c: u32): bool {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);
}

/** Whether [ptr, ptr+n) is lower-case hex and not all zeros. */
function validId(ptr: usize, n: usize): bool {
  let nonZero = false;
  for (let i: usize = 0; i < n; i++) {
    const c: u32 = load<u8>(ptr + i);
    if (!isHex(c)) return false;
    if (c != 0x30) nonZero = true;
  }
  return nonZero;
}

function writeId(w: ByteWriter, ptr: usize, n: usize): bool {
  if ((n != 16 && n != 32) || !validId(ptr, n)) return false;
  if (n == 16) for (let i = 0; i < 16; i++) w.byte(0x30);
  w.raw(ptr, <i32>n);
  return true;
}

/** Writes the trace id; false (nothing written) when the request carries none. */
export function writeTraceId(w: ByteWriter, request: HeaderIndex): bool {
  let i = request.indexOf(TRACEPARENT);
  if (i >= 0) {
    const p = request.valuePtr(i), n = request.valueLen(i);
    if (n >= 55 && load<u8>(p + 2) == 0x2d && load<u8>(p + 35) == 0x2d && validId(p + 3, 32)) {
      w.raw(p + 3, 32);
      return true;
    }
  }
  i = request.indexOf(B3_TRACE_ID);
  if (i >= 0 && writeId(w, request.valuePtr(i), request.valueLen(i))) return true;
  i = request.indexOf(B3);
  if (i >= 0) {
    const p = request.valuePtr(i), n = request.valueLen(i);
    let dash: usize = 0;
    while (dash < n && load<u8>(p + dash) != 0x2d) dash++;
    if (dash < n && writeId(w, p, dash)) return true;
  }
  return false;
}
