// Case-insensitive name lists for redaction (names are stored lower case).

@inline function lower(c: u32): u32 {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

/** Whether bytes [ptr, ptr+len), compared ignoring ASCII case, equal one of `names`. */
export function nameMatches(names: ArrayBuffer[], ptr: usize, len: usize): bool {
  for (let i = 0; i < names.length; i++) {
    const n = unchecked(names[i]);
    if (<usize>n.byteLength != len) continue;
    const np = changetype<usize>(n);
    let same = true;
    for (let j: usize = 0; j < len; j++) {
      if (lower(load<u8>(ptr + j)) != <u32>load<u8>(np + j)) { same = false; break; }
    }
    if (same) return true;
  }
  return false;
}
