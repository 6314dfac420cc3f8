// Montgomery arithmetic modulo an odd n of s 32-bit limbs, with u64 products (wasm has no
// 64x64->128 multiply). Values in "Montgomery form" are x*R mod n, R = 2^(32s). 8-limb moduli
// (the curves) use montMul8 (mont8.ts) for products and squares. Variable time: used only on
// public data (signature verification).
import { montMul8 } from "./mont8";
import { Limbs, ptr, limb, setLimb, cmp, addTo, subTo, copyLimbs, bitLength, bit } from "./limbs";

export class Mont {
  readonly s: i32;
  readonly n: Limbs;
  /** -n^-1 mod 2^32 */
  readonly n0: u32;
  /** R mod n (1 in Montgomery form) and R^2 mod n (to enter Montgomery form). */
  readonly one: Limbs;
  readonly rr: Limbs;
  private t: Limbs;
  private tmp: Limbs;

  /** `modulus` must be odd and its top limb non-zero (check with Mont.usable). */
  constructor(modulus: Limbs) {
    const s = modulus.length;
    this.s = s;
    this.n = modulus;
    let inv: u32 = unchecked(modulus[0]);
    for (let i = 0; i < 5; i++) inv *= 2 - unchecked(modulus[0]) * inv;
    this.n0 = 0 - inv;
    this.t = new StaticArray<u32>(s);
    this.tmp = new StaticArray<u32>(s);
    this.one = new StaticArray<u32>(s);
    this.rr = new StaticArray<u32>(s);
    this.computeR();
  }

  static usable(modulus: Limbs): bool {
    const s = modulus.length;
    return s > 0 && (unchecked(modulus[0]) & 1) == 1 && unchecked(modulus[s - 1]) != 0;
  }

  /**
   * out = a*b/R mod n, for a, b < n (out may alias a or b). Product scanning with the
   * reduction interleaved per column (Koç's "FIPS" method). Each 64-bit product is split into
   * 32-bit halves summed separately (`lo`, and `c` for the high halves), so the inner loop
   * has no carry chain; a column's value is lo + c * 2^32.
   */
  mul(out: usize, a: usize, b: usize): void {
    if (this.s == 8) {
      montMul8(out, a, b, ptr(this.n), this.n0);
      return;
    }
    if (a == b) {
      this.sqr(out, a);
      return;
    }
    const s = this.s;
    const np = ptr(this.n);
    const m = ptr(this.t);
    const n0 = this.n0;
    let lo: u64 = 0;
    let c: u64 = 0;
    for (let i = 0; i < s; i++) {
      for (let j: usize = 0, k = <usize>i << 2, end = <usize>i << 2; j < end; j += 4, k -= 4) {
        const p = <u64>load<u32>(a + j) * <u64>load<u32>(b + k);
        const q = <u64>load<u32>(m + j) * <u64>load<u32>(np + k);
        lo += (p & 0xffffffff) + (q & 0xffffffff);
        c += (p >> 32) + (q >> 32);
      }
      const p = <u64>load<u32>(a + (<usize>i << 2)) * <u64>load<u32>(b);
      lo += p & 0xffffffff;
      c += p >> 32;
      const mi = <u32>lo * n0;
      store<u32>(m + (<usize>i << 2), mi);
      const q = <u64>mi * <u64>load<u32>(np);
      lo += q & 0xffffffff;
      c += q >> 32;
      lo = (lo >> 32) + c;
      c = 0;
    }
    this.upperColumns(out, a, b, lo, false);
  }

  /** out = a*a/R mod n: as mul, computing each cross product a[j]a[k] (j != k) once. */
  sqr(out: usize, a: usize): void {
    if (this.s == 8) {
      montMul8(out, a, a, ptr(this.n), this.n0);
      return;
    }
    const s = this.s;
    const np = ptr(this.n);
    const m = ptr(this.t);
    const n0 = this.n0;
    let lo: u64 = 0;
    let c: u64 = 0;
    for (let i = 0; i < s; i++) {
      let lo2: u64 = 0;
      let c2: u64 = 0;
      let ja: usize = 0;
      let ka = <usize>i << 2;
      for (; ja + 8 < ka; ja += 8, ka -= 8) {
        const p0 = <u64>load<u32>(a + ja) * <u64>load<u32>(a + ka);
        const p1 = <u64>load<u32>(a + ja + 4) * <u64>load<u32>(a + ka - 4);
        lo2 += (p0 & 0xffffffff) + (p1 & 0xffffffff);
        c2 += (p0 >> 32) + (p1 >> 32);
      }
      for (let j = ja, k = ka; j < k; j += 4, k -= 4) {
        const p = <u64>load<u32>(a + j) * <u64>load<u32>(a + k);
        lo2 += p & 0xffffffff;
        c2 += p >> 32;
      }
      let j: usize = 0;
      let k = <usize>i << 2;
      const end = <usize>i << 2;
      for (; j + 4 < end; j += 8, k -= 8) {
        const q = <u64>load<u32>(m + j) * <u64>load<u32>(np + k);
        const r = <u64>load<u32>(m + j + 4) * <u64>load<u32>(np + k - 4);
        lo += (q & 0xffffffff) + (r & 0xffffffff);
        c += (q >> 32) + (r >> 32);
      }
      if (j < end) {
        const q = <u64>load<u32>(m + j) * <u64>load<u32>(np + k);
        lo += q & 0xffffffff;
        c += q >> 32;
      }
      c2 <<= 1;
      lo2 <<= 1;
      if ((i & 1) == 0) {
        const half = <u64>load<u32>(a + (<usize>(i >> 1) << 2));
        const p = half * half;
        lo2 += p & 0xffffffff;
        c2 += p >> 32;
      }
      lo += lo2;
      c += c2;
      const mi = <u32>lo * n0;
      store<u32>(m + (<usize>i << 2), mi);
      const q = <u64>mi * <u64>load<u32>(np);
      lo += q & 0xffffffff;
      c += q >> 32;
      lo = (lo >> 32) + c;
      c = 0;
    }
    this.upperColumns(out, a, a, lo, true);
  }

  /** Columns s..2s-2 of a*b + m*n, written to out, then the final subtraction. */
  private upperColumns(out: usize, a: usize, b: usize, carryIn: u64, square: bool): void {
    const s = this.s;
    const np = ptr(this.n);
    const m = ptr(this.t);
    const end = <usize>s << 2;
    let lo = carryIn;
    let c: u64 = 0;
    for (let i = s; i < 2 * s - 1; i++) {
      const j0 = <usize>(i - s + 1) << 2;
      const k0 = <usize>(s - 1) << 2;
      if (square) {
        let lo2: u64 = 0;
        let c2: u64 = 0;
        let ja = j0;
        let ka = k0;
        for (; ja + 8 < ka; ja += 8, ka -= 8) {
          const p0 = <u64>load<u32>(a + ja) * <u64>load<u32>(a + ka);
          const p1 = <u64>load<u32>(a + ja + 4) * <u64>load<u32>(a + ka - 4);
          lo2 += (p0 & 0xffffffff) + (p1 & 0xffffffff);
          c2 += (p0 >> 32) + (p1 >> 32);
        }
        for (let j = ja, k = ka; j < k; j += 4, k -= 4) {
          const p = <u64>load<u32>(a + j) * <u64>load<u32>(a + k);
          lo2 += p & 0xffffffff;
          c2 += p >> 32;
        }
        c2 <<= 1;
        lo2 <<= 1;
        if ((i & 1) == 0) {
          const half = <u64>load<u32>(a + (<usize>(i >> 1) << 2));
          const p = half * half;
          lo2 += p & 0xffffffff;
          c2 += p >> 32;
        }
        lo += lo2;
        c += c2;
        let j = j0;
        let k = k0;
        for (; j + 4 < end; j += 8, k -= 8) {
          const q = <u64>load<u32>(m + j) * <u64>load<u32>(np + k);
          const r = <u64>load<u32>(m + j + 4) * <u64>load<u32>(np + k - 4);
          lo += (q & 0xffffffff) + (r & 0xffffffff);
          c += (q >> 32) + (r >> 32);
        }
        if (j < end) {
          const q = <u64>load<u32>(m + j) * <u64>load<u32>(np + k);
          lo += q & 0xffffffff;
          c += q >> 32;
        }
      } else {
        for (let j = j0, k = k0; j < end; j += 4, k -= 4) {
          const p = <u64>load<u32>(a + j) * <u64>load<u32>(b + k);
          const q = <u64>load<u32>(m + j) * <u64>load<u32>(np + k);
          lo += (p & 0xffffffff) + (q & 0xffffffff);
          c += (p >> 32) + (q >> 32);
        }
      }
      // out[i - s] is below every index still to be read, so out may alias a or b.
      store<u32>(out + (<usize>(i - s) << 2), <u32>lo);
      lo = (lo >> 32) + c;
      c = 0;
    }
    store<u32>(out + (<usize>(s - 1) << 2), <u32>lo);
    if ((lo >> 32) != 0 || cmp(out, np, s) >= 0) subTo(out, out, np, s);
  }

  /** out = a + b mod n, for a, b < n. */
  add(out: usize, a: usize, b: usize): void {
    const s = this.s;
    const np = ptr(this.n);
    const carry = addTo(out, a, b, s);
    if (carry != 0 || cmp(out, np, s) >= 0) subTo(out, out, np, s);
  }

  /** out = a - b mod n, for a, b < n. */
  sub(out: usize, a: usize, b: usize): void {
    if (subTo(out, a, b, this.s) != 0) addTo(out, out, ptr(this.n), this.s);
  }

  toMont(out: usize, a: usize): void {
    this.mul(out, a, ptr(this.rr));
  }

  fromMont(out: usize, a: usize): void {
    const t = ptr(this.tmp);
    memory.fill(t, 0, <usize>this.s << 2);
    setLimb(t, 0, 1);
    this.mul(out, a, t);
  }

  /** out = a^e (Montgomery form in and out), e given as limbs (public exponent). */
  pow(out: usize, a: usize, e: usize, es: i32): void {
    const s = this.s;
    const acc = ptr(this.tmp);
    copyLimbs(acc, ptr(this.one), s);
    for (let i = bitLength(e, es) - 1; i >= 0; i--) {
      this.mul(acc, acc, acc);
      if (bit(e, i)) this.mul(acc, acc, a);
    }
    copyLimbs(out, acc, s);
  }

  /** one = R mod n by doubling from the top bit of n; rr = R^2 mod n by square-and-double. */
  private computeR(): void {
    const s = this.s;
    const one = ptr(this.one);
    const np = ptr(this.n);
    const nbits = bitLength(np, s);
    memory.fill(one, 0, <usize>s << 2);
    setLimb(one, (nbits - 1) >> 5, 1 << <u32>((nbits - 1) & 31)); // 2^(nbits-1) < n
    for (let k = nbits - 1; k < s << 5; k++) this.add(one, one, one);
    // x = 2^k * R for k = 1, then walk the bits of 32s: square doubles k, add-to-self adds 1.
    const rr = ptr(this.rr);
    this.add(rr, one, one);
    const target = <u32>(s << 5);
    for (let i = 30 - <i32>clz<u32>(target); i >= 0; i--) {
      this.mul(rr, rr, rr);
      if ((target >> <u32>i) & 1) this.add(rr, rr, rr);
    }
  }
}

