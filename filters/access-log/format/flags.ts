// Envoy's response flags: `response.flags` is a bit set of the core flags (bit i = enum value i
// of StreamInfo::CoreResponseFlag); %RESPONSE_FLAGS% prints their short names joined by ",".
import { ByteWriter } from "./writer";
import { encodeUtf8 } from "../../common/encoding/utf8";

const SHORT_NAMES: string[] = [
  "LH", "UH", "UT", "LR", "UR", "UF", "UC", "UO", "NR", "DI", "FI", "RL", "UAEX", "RLSE", "DC",
  "URX", "SI", "IH", "DPE", "UMSDR", "RFCF", "NFCF", "DT", "UPE", "NC", "OM", "DF", "DO", "DR", "UDO",
];

let encoded: ArrayBuffer[] | null = null;

function names(): ArrayBuffer[] {
  let e = encoded;
  if (e === null) {
    e = new Array<ArrayBuffer>(SHORT_NAMES.length);
    for (let i = 0; i < SHORT_NAMES.length; i++) e[i] = encodeUtf8(SHORT_NAMES[i]);
    encoded = e;
  }
  return e;
}

/** Writes the flags as Envoy prints them; no flag at all is "-". */
export function writeResponseFlags(w: ByteWriter, flags: u64): void {
  if (flags == 0) { w.byte(0x2d); return; }
  const n = names();
  let first = true;
  for (let i = 0; i < n.length; i++) {
    if ((flags & (<u64>1 << <u64>i)) == 0) continue;
    if (!first) w.byte(0x2c);
    w.bytes(unchecked(n[i]));
    first = false;
  }
  if (first) w.byte(0x2d);
}
