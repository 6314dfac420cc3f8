// Unsigned big integers as little-endian arrays of u32 limbs in linear memory (raw pointers into
// StaticArray<u32> buffers): the building blocks of the Montgomery arithmetic in mont.ts.

export type Limbs = StaticArray<u32>;

@inline export function ptr(a: Limbs): usize {
  return changetype<usize>(a);
}

@inline export function limb(p: usize, i: i32): u32 {
  return load<u32>(p + (<usize>i << 2));
}

@inline export function setLimb(p: usize, i: i32, v: u32): void {
  store<u32>(p + (<usize>i << 2), v);
}

/** Reads a big-endian byte string into `s` limbs; false if it does not fit. */
export function limbsFromBytes(out: Limbs, src: usize, len: i32): bool {
  const s = out.length;
  const o = ptr(out);
  memory.fill(o, 0, <usize>s << 2);
  for (let i = 0; i < len; i++) {
    const byte = <u32>load<u8>(src + <usize>(len - 1 - i));
    if (byte == 0) continue;
    const li = i >> 2;
    if (li >= s) return false;
    setLimb(o, li, limb(o, li) | (byte << (<u32>(i & 3) << 3)));
  }
  return true;
}

/** -1, 0, 1 as a <, ==, > b (both s limbs). */
export function cmp(a: usize, b: usize, s: i32): i32 {
  for (let i = s - 1; i >= 0; i--) {
    const x = limb(a, i);
    const y = limb(b, i);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

export function isZero(a: usize, s: i32): bool {
  let acc: u32 = 0;
  for (let i = 0; i < s; i++) acc |= limb(a, i);
  return acc == 0;
}

/** out = a + b, returns the carry (out may alias a or b). */
export function addTo(out: usize, a: usize, b: usize, s: i32): u32 {
  let c: u64 = 0;
  for (let i = 0; i < s; i++) {
    c += <u64>limb(a, i) + <u64>limb(b, i);
    setLimb(out, i, <u32>c);
    c >>= 32;
  }
  return <u32>c;
}

/** out = a - b, returns the borrow (out may alias a or b). */
export function subTo(out: usize, a: usize, b: usize, s: i32): u32 {
  let borrow: i64 = 0;
  for (let i = 0; i < s; i++) {
    const d = <i64>limb(a, i) - <i64>limb(b, i) + borrow;
    setLimb(out, i, <u32>d);
    borrow = d >> 32; // 0 or -1
  }
  return <u32>(-borrow);
}

export function copyLimbs(out: usize, a: usize, s: i32): void {
  memory.copy(out, a, <usize>s << 2);
}

/** Number of significant bits. */
export function bitLength(a: usize, s: i32): i32 {
  for (let i = s - 1; i >= 0; i--) {
    const x = limb(a, i);
    if (x != 0) return (i << 5) + 32 - <i32>clz<u32>(x);
  }
  return 0;
}

@inline export function bit(a: usize, i: i32): u32 {
  return (limb(a, i >> 5) >> <u32>(i & 31)) & 1;
}
