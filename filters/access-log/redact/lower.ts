// Configured names are stored lower case and compared ignoring ASCII case (redact/names.ts), so
// only A–Z are lowered: String#toLowerCase would bring in the Unicode case tables (about 6 KB of
// the module) for names that are ASCII in practice; other characters compare exactly.
import { encodeUtf8 } from "../../common/encoding/utf8";

/** The UTF-8 bytes of `s` with A–Z lowered. */
export function utf8Lower(s: string): ArrayBuffer {
  const b = encodeUtf8(s);
  const p = changetype<usize>(b);
  for (let i = 0; i < b.byteLength; i++) {
    const c = load<u8>(p + i);
    if (c >= 0x41 && c <= 0x5a) store<u8>(p + i, c | 0x20);
  }
  return b;
}
