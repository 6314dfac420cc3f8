// Cookie and Set-Cookie values: every cookie keeps its name and loses its value. Set-Cookie
// attributes after the first ';' (Path, Expires, HttpOnly…) carry no secret and are kept.
import { ByteWriter } from "../format/writer";
import { Redactor } from "./redactor";

export function redactCookies(r: Redactor, w: ByteWriter, ptr: usize, len: usize, setCookie: bool): void {
  let i: usize = 0;
  while (i < len) {
    let end = i;
    while (end < len && load<u8>(ptr + end) != 0x3b) end++;
    let eq = i;
    while (eq < end && load<u8>(ptr + eq) != 0x3d) eq++;
    if (eq < end) {
      w.raw(ptr + i, <i32>(eq - i + 1));
      r.writeSecret(w, ptr + eq + 1, end - eq - 1);
    } else if (end > i) {
      // A bare word: a cookie without '=' may be a value; mask it whole.
      r.writeSecret(w, ptr + i, end - i);
    }
    if (end < len) {
      if (setCookie) { w.raw(ptr + end, <i32>(len - end)); return; }
      w.byte(0x3b);
    }
    i = end + 1;
  }
}
