// edwards25519 (RFC 8032 §5.1): -x^2 + y^2 = 1 + d x^2 y^2 over p = 2^255 - 19, base point B of
// prime order L. Points in extended coordinates (X, Y, Z, T), x = X/Z, y = Y/Z, xy = T/Z, field
// elements in Montgomery form. Constants derived from RFC 8032 §5.1 (d = -121665/121666,
// sqrt(-1) = 2^((p-1)/4), B = (x, 4/5) with x even).
import { Mont } from "../bigint/mont";
import { Limbs, ptr, copyLimbs } from "../bigint/limbs";
import { limbsFromWords } from "../bigint/words";

export const S = 8;
export const fe = new Mont(limbsFromWords([0x7FFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFED]));
export const L: Limbs = limbsFromWords([0x10000000, 0x00000000, 0x00000000, 0x00000000, 0x14DEF9DE, 0xA2F79CD6, 0x5812631A, 0x5CF5D3ED]);

function mont(words: StaticArray<u32>): Limbs {
  const x = limbsFromWords(words);
  fe.toMont(ptr(x), ptr(x));
  return x;
}
export const D = mont([0x52036CEE, 0x2B6FFE73, 0x8CC74079, 0x7779E898, 0x00700A4D, 0x4141D8AB, 0x75EB4DCA, 0x135978A3]);
export const D2 = mont([0x52036CEE, 0x2B6FFE73, 0x8CC74079, 0x7779E898, 0x00700A4D, 0x4141D8AB, 0x75EB4DCA, 0x135978A3]);
fe.add(ptr(D2), ptr(D2), ptr(D2));
export const SQRT_M1 = mont([0x2B832480, 0x4FC1DF0B, 0x2B4D0099, 0x3DFBD7A7, 0x2F431806, 0xAD2FE478, 0xC4EE1B27, 0x4A0EA0B0]);

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
  const x = mont([0x216936D3, 0xCD6E53FE, 0xC0A4E231, 0xFDD6DC5C, 0x692CC760, 0x9525A7B2, 0xC9562D60, 0x8F25D51A]);
  const y = mont([0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666666, 0x66666658]);
  return fromAffine(ptr(x), ptr(y));
}

const base = memory.data(10 * S * 4, 16);
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
