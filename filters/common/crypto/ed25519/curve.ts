// edwards25519 (RFC 8032 §5.1): -x^2 + y^2 = 1 + d x^2 y^2 over p = 2^255 - 19, base point B of
// prime order L. Points in extended coordinates (X, Y, Z, T), x = X/Z, y = Y/Z, xy = T/Z, field
// elements in Montgomery form. Constants derived from RFC 8032 §5.1 (d = -121665/121666,
// sqrt(-1) = 2^((p-1)/4), B = (x, 4/5) with x even).
import { Mont } from "../bigint/mont";
import { Limbs, ptr, copyLimbs } from "../bigint/limbs";
import { limbsFromHex } from "../bigint/hex";

export const S = 8;
export const fe = new Mont(limbsFromHex("7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFED", S));
export const L: Limbs = limbsFromHex("1000000000000000000000000000000014DEF9DEA2F79CD65812631A5CF5D3ED", S);

function mont(hex: string): Limbs {
  const x = limbsFromHex(hex, S);
  fe.toMont(ptr(x), ptr(x));
  return x;
}
export const D = mont("52036CEE2B6FFE738CC740797779E89800700A4D4141D8AB75EB4DCA135978A3");
export const D2 = mont("52036CEE2B6FFE738CC740797779E89800700A4D4141D8AB75EB4DCA135978A3");
fe.add(ptr(D2), ptr(D2), ptr(D2));
export const SQRT_M1 = mont("2B8324804FC1DF0B2B4D00993DFBD7A72F431806AD2FE478C4EE1B274A0EA0B0");

/** An extended point: limbs [X | Y | Z | T], 8 each. */
export type EdPoint = StaticArray<u32>;

@inline export function EX(p: EdPoint): usize {
  return changetype<usize>(p);
}
@inline export function EY(p: EdPoint): usize {
  return changetype<usize>(p) + 32;
}
@inline export function EZ(p: EdPoint): usize {
  return changetype<usize>(p) + 64;
}
@inline export function ET(p: EdPoint): usize {
  return changetype<usize>(p) + 96;
}

/** The neutral element (0, 1). */
export function identity(): EdPoint {
  const p = new StaticArray<u32>(4 * S);
  copyLimbs(EY(p), ptr(fe.one), S);
  copyLimbs(EZ(p), ptr(fe.one), S);
  return p;
}

/** A point from affine (x, y) in Montgomery form. */
export function fromAffine(x: usize, y: usize): EdPoint {
  const p = new StaticArray<u32>(4 * S);
  copyLimbs(EX(p), x, S);
  copyLimbs(EY(p), y, S);
  copyLimbs(EZ(p), ptr(fe.one), S);
  fe.mul(ET(p), x, y);
  return p;
}

export function basePoint(): EdPoint {
  const x = mont("216936D3CD6E53FEC0A4E231FDD6DC5C692CC7609525A7B2C9562D608F25D51A");
  const y = mont("6666666666666666666666666666666666666666666666666666666666666658");
  return fromAffine(ptr(x), ptr(y));
}

const SCRATCH = new StaticArray<u32>(10 * S);
const base = changetype<usize>(SCRATCH);
const a = base, b = base + 32, c = base + 64, d = base + 96, e = base + 128;
const f = base + 160, g = base + 192, h = base + 224;

/** out = p + q (complete formula of RFC 8032 §5.1.4; out may alias p or q). */
export function edAdd(out: EdPoint, p: EdPoint, q: EdPoint): void {
  fe.sub(a, EY(p), EX(p));
  fe.sub(e, EY(q), EX(q));
  fe.mul(a, a, e);
  fe.add(b, EY(p), EX(p));
  fe.add(e, EY(q), EX(q));
  fe.mul(b, b, e);
  fe.mul(c, ET(p), ET(q));
  fe.mul(c, c, ptr(D2));
  fe.mul(d, EZ(p), EZ(q));
  fe.add(d, d, d);
  fe.sub(e, b, a);
  fe.sub(f, d, c);
  fe.add(g, d, c);
  fe.add(h, b, a);
  fe.mul(EX(out), e, f);
  fe.mul(EY(out), g, h);
  fe.mul(ET(out), e, h);
  fe.mul(EZ(out), f, g);
}

/** out = 2p (RFC 8032 §5.1.4 doubling; out may alias p). */
export function edDouble(out: EdPoint, p: EdPoint): void {
  fe.mul(a, EX(p), EX(p));
  fe.mul(b, EY(p), EY(p));
  fe.mul(c, EZ(p), EZ(p));
  fe.add(c, c, c);
  fe.add(h, a, b);
  fe.add(e, EX(p), EY(p));
  fe.mul(e, e, e);
  fe.sub(e, h, e);
  fe.sub(g, a, b);
  fe.add(f, c, g);
  fe.mul(EX(out), e, f);
  fe.mul(EY(out), g, h);
  fe.mul(ET(out), e, h);
  fe.mul(EZ(out), f, g);
}

/** out = -p. */
export function edNegate(out: EdPoint, p: EdPoint): void {
  const zero = new StaticArray<u32>(S);
  fe.sub(EX(out), ptr(zero), EX(p));
  copyLimbs(EY(out), EY(p), S);
  copyLimbs(EZ(out), EZ(p), S);
  fe.sub(ET(out), ptr(zero), ET(p));
}
