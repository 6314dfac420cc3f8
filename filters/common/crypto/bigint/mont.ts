// Montgomery arithmetic modulo an odd n of 8 32-bit limbs (the curves' fields and orders; RSA
// has mont28.ts), products and squares by montMul8 (mont8.ts). Values in "Montgomery form" are
// x*R mod n, R = 2^256. Variable time: used only on public data (signature verification).
import { montMul8 } from "./mont8";
import { Limbs, ptr, setLimb, cmp, addTo, subTo, copyLimbs, bitLength, bit } from "./limbs";

export class Mont {
  readonly s: i32;
  readonly n: Limbs;
  /** -n^-1 mod 2^32 */
  readonly n0: u32;
  /** R mod n (1 in Montgomery form) and R^2 mod n (to enter Montgomery form). */
  readonly one: Limbs;
  readonly rr: Limbs;
  private tmp: Limbs;

  /** `modulus`: 8 limbs, odd, top limb non-zero. */
  constructor(modulus: Limbs) {
    const s = modulus.length;
    this.s = s;
    this.n = modulus;
    let inv: u32 = unchecked(modulus[0]);
    for (let i = 0; i < 5; i++) inv *= 2 - unchecked(modulus[0]) * inv;
    this.n0 = 0 - inv;
    this.tmp = new StaticArray<u32>(s);
    this.one = new StaticArray<u32>(s);
    this.rr = new StaticArray<u32>(s);
    this.computeR();
  }

  /** out = a*b/R mod n, for a, b < n (out may alias a or b). */
  mul(out: usize, a: usize, b: usize): void {
    montMul8(out, a, b, ptr(this.n), this.n0);
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

