// Montgomery arithmetic for RSA moduli in radix 2^w, w = 28 bits per limb (a u64 in memory) up
// to 3360 bits and 26 above: a product is below 2^(2w) and a column of up to 2s products sums in
// one u64 with no carry handling inside the loop. With 28 bits, 2 * 120 products below 2^56 plus
// a carry below 2^37 fit; with 26, 2 * 316 (8192 bits) below 2^52 do easily. More limbs than
// 32-bit ones (74 for 2048 bits), but each step is a load, a multiply and an add: about a fifth
// fewer instructions per RSA verification than splitting 64-bit products into halves. Values in
// Montgomery form are x*R mod n, R = 2^(ws). Variable time: used only on public data
// (signature verification).

/** Most limbs of 28 bits a column can hold (3360 bits). */
const MAX_LIMBS_28: i32 = 120;
/** 8192 bits (RSA_MAX_MODULUS_BITS) in limbs of 26 bits. */
export const MONT28_MAX_LIMBS: i32 = 316;

/** Bits per limb for a modulus of `bits` bits. */
export function radixFor(bits: i32): i32 {
  return (bits + 27) / 28 <= MAX_LIMBS_28 ? 28 : 26;
}

export class Mont28 {
  /** Bits per limb (radixFor) and the mask of a limb. */
  readonly w: i32;
  readonly mask: u64;
  readonly s: i32;
  readonly n: StaticArray<u64>;
  /** -n^-1 mod 2^w */
  readonly n0: u32;
  /** R^2 mod n (to enter Montgomery form). */
  readonly rr: StaticArray<u64>;
  private m: StaticArray<u64>;

  /** `modulus` as s limbs of w bits (radixFor): odd, top limb non-zero. */
  constructor(modulus: StaticArray<u64>, w: i32) {
    const s = modulus.length;
    const mask = (<u64>1 << <u64>w) - 1;
    this.w = w;
    this.mask = mask;
    this.s = s;
    this.n = modulus;
    const n0 = <u32>unchecked(modulus[0]);
    let inv: u32 = n0;
    for (let i = 0; i < 5; i++) inv *= 2 - n0 * inv;
    this.n0 = (0 - inv) & <u32>mask;
    this.m = new StaticArray<u64>(s);
    this.rr = new StaticArray<u64>(s);
    this.computeRR();
  }

  /** out = a*b/R mod n for a, b < n (out may alias a or b): product scanning, reduction per column. */
  mul(out: usize, a: usize, b: usize): void {
    const s = this.s;
    const np = changetype<usize>(this.n);
    const m = changetype<usize>(this.m);
    const n0 = this.n0;
    const w = <u64>this.w, mask = <u32>this.mask;
    let t: u64 = 0;
    for (let i = 0; i < s; i++) {
      const top = <usize>i << 3;
      t += dot(a, b + top, <usize>i) + dot(m, np + top, <usize>i);
      t += load<u64>(a + top) * load<u64>(b);
      const mi = <u64>((<u32>t * n0) & mask);
      store<u64>(m + top, mi);
      t = (t + mi * load<u64>(np)) >> w;
    }
    this.upper(out, a, b, t, false);
  }

  /** out = a*a/R mod n: as mul, each cross product a[j]a[k] (j != k) computed once. */
  sqr(out: usize, a: usize): void {
    const s = this.s;
    const np = changetype<usize>(this.n);
    const m = changetype<usize>(this.m);
    const n0 = this.n0;
    const w = <u64>this.w, mask = <u32>this.mask;
    let t: u64 = 0;
    for (let i = 0; i < s; i++) {
      const top = <usize>i << 3;
      t += dot(a, a + top, <usize>(i + 1) >> 1) << 1;
      if ((i & 1) == 0) {
        const h = load<u64>(a + (top >> 1));
        t += h * h;
      }
      t += dot(m, np + top, <usize>i);
      const mi = <u64>((<u32>t * n0) & mask);
      store<u64>(m + top, mi);
      t = (t + mi * load<u64>(np)) >> w;
    }
    this.upper(out, a, a, t, true);
  }

  /** Columns s..2s-2 of a*b + m*n into out, then the final subtraction. */
  private upper(out: usize, a: usize, b: usize, carry: u64, square: bool): void {
    const s = this.s;
    const np = changetype<usize>(this.n);
    const m = changetype<usize>(this.m);
    const end = <usize>s << 3;
    const w = <u64>this.w, mask = this.mask;
    let t = carry;
    for (let i = s; i < 2 * s - 1; i++) {
      const top = <usize>i << 3;
      const j0 = <usize>(i - s + 1) << 3;
      if (square) {
        // pairs (j, i-j) with j0/8 <= j < i-j
        t += dot(a + j0, a + top - j0, <usize>(2 * s - 1 - i) >> 1) << 1;
        if ((i & 1) == 0) {
          const h = load<u64>(a + (top >> 1));
          t += h * h;
        }
      } else {
        t += dot(a + j0, b + top - j0, (end - j0) >> 3);
      }
      t += dot(m + j0, np + top - j0, (end - j0) >> 3);
      // out[i - s] is below every limb still to be read, so out may alias a or b.
      store<u64>(out + <usize>(i - s) * 8, t & mask);
      t >>= w;
    }
    store<u64>(out + <usize>(s - 1) * 8, t & mask);
    t >>= w;
    if (t != 0 || compare28(out, np, s) >= 0) sub28(out, out, np, s, this.w);
  }

  /** R^2 mod n: R mod n by doubling from the top bit of n, then square-and-double to R*R. */
  private computeRR(): void {
    const s = this.s;
    const np = changetype<usize>(this.n);
    const rr = changetype<usize>(this.rr);
    const one = changetype<usize>(this.m); // scratch until the first product
    const topBits = 64 - <i32>clz<u64>(load<u64>(np + (<usize>(s - 1) << 3)));
    const w = this.w;
    const nbits = (s - 1) * w + topBits;
    memory.fill(one, 0, <usize>s << 3);
    const top = nbits - 1; // 2^(nbits-1) < n
    store<u64>(one + (<usize>(top / w) << 3), <u64>1 << <u64>(top % w));
    for (let k = top; k < s * w; k++) this.addSelf(one);
    memory.copy(rr, one, <usize>s << 3);
    this.addSelf(rr); // 2R
    // x = 2^k * R; squaring doubles k, adding to itself adds 1; walk the bits of ws.
    const target = <u32>(s * w);
    for (let i = 30 - <i32>clz<u32>(target); i >= 0; i--) {
      this.sqr(rr, rr);
      if ((target >> <u32>i) & 1) this.addSelf(rr);
    }
  }

  /** x = 2x mod n, for x < n. */
  private addSelf(x: usize): void {
    const s = this.s;
    let c: u64 = 0;
    for (let i = 0; i < s; i++) {
      const v = (load<u64>(x + (<usize>i << 3)) << 1) + c;
      store<u64>(x + (<usize>i << 3), v & this.mask);
      c = v >> <u64>this.w;
    }
    const np = changetype<usize>(this.n);
    if (c != 0 || compare28(x, np, s) >= 0) sub28(x, x, np, s, this.w);
  }
}

/** Sum of p[j] * q[-j] for j < count (q walks down), four products per step. */
@inline function dot(p: usize, q: usize, count: usize): u64 {
  let sum: u64 = 0;
  const stop = p + (count << 3);
  for (; p + 24 < stop; p += 32, q -= 32) {
    sum += load<u64>(p) * load<u64>(q) + load<u64>(p, 8) * load<u64>(q - 8)
      + load<u64>(p, 16) * load<u64>(q - 16) + load<u64>(p, 24) * load<u64>(q - 24);
  }
  for (; p < stop; p += 8, q -= 8) sum += load<u64>(p) * load<u64>(q);
  return sum;
}

/** -1, 0, 1 as a <, ==, > b (both s normalized limbs). */
export function compare28(a: usize, b: usize, s: i32): i32 {
  for (let i = s - 1; i >= 0; i--) {
    const x = load<u64>(a + (<usize>i << 3)), y = load<u64>(b + (<usize>i << 3));
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

/** out = a - b over s limbs of w bits (the borrow out of the top limb is dropped). */
function sub28(out: usize, a: usize, b: usize, s: i32, w: i32): void {
  const mask = (<u64>1 << <u64>w) - 1;
  let borrow: u64 = 0;
  for (let i = 0; i < s; i++) {
    const d = load<u64>(a + (<usize>i << 3)) - load<u64>(b + (<usize>i << 3)) - borrow;
    store<u64>(out + (<usize>i << 3), d & mask);
    borrow = d >> 63;
  }
}

/** Limbs of w bits needed for a number of `bits` bits. */
export function limbs28For(bits: i32, w: i32): i32 {
  return (bits + w - 1) / w;
}

/** Reads k big-endian bytes into out's w-bit limbs (every limb written); bits beyond them must be 0. */
export function limbs28FromBytes(out: StaticArray<u64>, src: usize, k: i32, w: i32): void {
  const o = changetype<usize>(out);
  const mask = (<u64>1 << <u64>w) - 1;
  memory.fill(o, 0, <usize>out.length << 3);
  let acc: u64 = 0, bits = 0, li = 0;
  for (let i = k - 1; i >= 0; i--) {
    acc |= <u64>load<u8>(src + <usize>i) << <u64>bits;
    bits += 8;
    if (bits >= w) {
      if (li < out.length) store<u64>(o + (<usize>li << 3), acc & mask);
      li++;
      acc >>= <u64>w;
      bits -= w;
    }
  }
  if (bits > 0 && li < out.length) store<u64>(o + (<usize>li << 3), acc);
}

/** Writes a (limbs of w bits) as k big-endian bytes to dst (a must fit in k bytes). */
export function limbs28ToBytes(dst: usize, k: i32, a: StaticArray<u64>, w: i32): void {
  const p = changetype<usize>(a);
  const s = a.length;
  let acc: u64 = 0, bits = 0, li = 0;
  for (let i = k - 1; i >= 0; i--) {
    if (bits < 8) {
      if (li < s) acc |= load<u64>(p + (<usize>li << 3)) << <u64>bits;
      li++;
      bits += w;
    }
    store<u8>(dst + <usize>i, <u8>acc);
    acc >>= 8;
    bits -= 8;
  }
}
