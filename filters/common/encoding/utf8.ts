// UTF-16 to UTF-8, in place of String.UTF8.encode (half a kilobyte with its null-termination and
// error modes). A lone surrogate becomes its own three bytes (WTF-8), as the library's default.

/** The UTF-8 bytes of `s`. */
export function encodeUtf8(s: string): ArrayBuffer {
  const p = changetype<usize>(s), end = p + (<usize>s.length << 1);
  let size = 0;
  for (let i = p; i < end; i += 2) {
    const c = <u32>load<u16>(i);
    if (c < 0x80) size += 1;
    else if (c < 0x800) size += 2;
    else if (pairAt(i, end)) { size += 4; i += 2; }
    else size += 3;
  }
  const out = new ArrayBuffer(size);
  let q = changetype<usize>(out);
  for (let i = p; i < end; i += 2) {
    let c = <u32>load<u16>(i);
    if (c < 0x80) {
      store<u8>(q++, <u8>c);
    } else if (c < 0x800) {
      store<u8>(q, <u8>(0xc0 | (c >> 6)));
      store<u8>(q, <u8>(0x80 | (c & 0x3f)), 1);
      q += 2;
    } else if (pairAt(i, end)) {
      c = 0x10000 + ((c & 0x3ff) << 10) + (<u32>load<u16>(i, 2) & 0x3ff);
      store<u8>(q, <u8>(0xf0 | (c >> 18)));
      store<u8>(q, <u8>(0x80 | ((c >> 12) & 0x3f)), 1);
      store<u8>(q, <u8>(0x80 | ((c >> 6) & 0x3f)), 2);
      store<u8>(q, <u8>(0x80 | (c & 0x3f)), 3);
      q += 4;
      i += 2;
    } else {
      store<u8>(q, <u8>(0xe0 | (c >> 12)));
      store<u8>(q, <u8>(0x80 | ((c >> 6) & 0x3f)), 1);
      store<u8>(q, <u8>(0x80 | (c & 0x3f)), 2);
      q += 3;
    }
  }
  return out;
}

/** Whether a high surrogate at `i` is followed by a low one before `end`. */
@inline function pairAt(i: usize, end: usize): bool {
  return (load<u16>(i) & 0xfc00) == 0xd800 && i + 2 < end && (load<u16>(i, 2) & 0xfc00) == 0xdc00;
}
