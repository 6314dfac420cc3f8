// Query-string redaction. Parameter names are compared the way applications read them:
// percent-decoded, '+' as space, ignoring case — so `?TOK%45N=x` is redacted like `?token=x`.
// Both '&' and ';' separate parameters (some frameworks accept either); over-redacting is safe.
import { ByteWriter } from "../format/writer";
import { Redactor } from "./redactor";
import { nameMatches } from "./names";

const MAX_NAME = 256;
const scratch = new ArrayBuffer(MAX_NAME);

function hexValue(c: u32): i32 {
  if (c >= 0x30 && c <= 0x39) return <i32>(c - 0x30);
  if (c >= 0x41 && c <= 0x46) return <i32>(c - 0x37);
  if (c >= 0x61 && c <= 0x66) return <i32>(c - 0x57);
  return -1;
}

/** Percent-decodes a name into `scratch`; its length, or -1 when too long to be configured. */
function decodeName(ptr: usize, len: usize): i32 {
  const out = changetype<usize>(scratch);
  let n = 0;
  for (let i: usize = 0; i < len; i++) {
    if (n >= MAX_NAME) return -1;
    let c: u32 = load<u8>(ptr + i);
    if (c == 0x2b) c = 0x20;
    else if (c == 0x25 && i + 2 < len) {
      const hi = hexValue(load<u8>(ptr + i + 1)), lo = hexValue(load<u8>(ptr + i + 2));
      if (hi >= 0 && lo >= 0) { c = <u32>(hi * 16 + lo); i += 2; }
    }
    store<u8>(out + n++, <u8>c);
  }
  return n;
}

function isSeparator(c: u32): bool {
  return c == 0x26 || c == 0x3b;
}

export function redactQuery(r: Redactor, w: ByteWriter, ptr: usize, len: usize): void {
  let q: usize = 0;
  while (q < len && load<u8>(ptr + q) != 0x3f) q++;
  if (q == len || r.queryParams.length == 0) { w.raw(ptr, <i32>len); return; }
  w.raw(ptr, <i32>q + 1);
  let i = q + 1;
  while (i <= len) {
    let end = i;
    while (end < len && !isSeparator(load<u8>(ptr + end))) end++;
    let eq = i;
    while (eq < end && load<u8>(ptr + eq) != 0x3d) eq++;
    const nameLen = decodeName(ptr + i, eq - i);
    const secret = eq < end && (nameLen < 0 || nameMatches(r.queryParams, changetype<usize>(scratch), <usize>nameLen));
    if (secret) {
      w.raw(ptr + i, <i32>(eq - i + 1));
      r.writeSecret(w, ptr + eq + 1, end - eq - 1);
    } else {
      w.raw(ptr + i, <i32>(end - i));
    }
    if (end < len) w.byte(load<u8>(ptr + end));
    i = end + 1;
  }
}
