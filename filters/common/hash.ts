// FNV-1a over bytes in place: cheap, allocation-free and stable across builds and workers, for
// hash tables, sticky routing, sampling and cache keys. Not for anything an attacker must not
// steer to a chosen value.

/** FNV-1a, 32 bits, over [ptr, ptr+len). */
export function fnv1a32(ptr: usize, len: usize): u32 {
  let h: u32 = 0x811c9dc5;
  for (let i: usize = 0; i < len; i++) {
    h ^= load<u8>(ptr + i);
    h *= 0x01000193;
  }
  return h;
}

/** FNV-1a, 64 bits, over [ptr, ptr+len). */
export function fnv1a64(ptr: usize, len: usize): u64 {
  let h: u64 = 0xcbf29ce484222325;
  for (let i: usize = 0; i < len; i++) {
    h ^= load<u8>(ptr + i);
    h *= 0x100000001b3;
  }
  return h;
}
