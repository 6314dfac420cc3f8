// NIST P-256 (FIPS 186-5 / SEC 2 secp256r1): y^2 = x^3 - 3x + b over p, group order n,
// cofactor 1. Points in Jacobian coordinates (X, Y, Z) <-> (X/Z^2, Y/Z^3), field elements in
// Montgomery form; Z = 0 is the point at infinity.
import { Mont } from "../bigint/mont";
import { Limbs, ptr, isZero, copyLimbs } from "../bigint/limbs";
import { limbsFromWords } from "../bigint/words";

export const S = 8;
export const P_WORDS: StaticArray<u32> = [0xFFFFFFFF, 0x00000001, 0x00000000, 0x00000000, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF];
export const N_WORDS: StaticArray<u32> = [0xFFFFFFFF, 0x00000000, 0xFFFFFFFF, 0xFFFFFFFF, 0xBCE6FAAD, 0xA7179E84, 0xF3B9CAC2, 0xFC632551];
const B_WORDS: StaticArray<u32> = [0x5AC635D8, 0xAA3A93E7, 0xB3EBBD55, 0x769886BC, 0x651D06B0, 0xCC53B0F6, 0x3BCE3C3E, 0x27D2604B];
const GX_WORDS: StaticArray<u32> = [0x6B17D1F2, 0xE12C4247, 0xF8BCE6E5, 0x63A440F2, 0x77037D81, 0x2DEB33A0, 0xF4A13945, 0xD898C296];
const GY_WORDS: StaticArray<u32> = [0x4FE342E2, 0xFE1A7F9B, 0x8EE7EB4A, 0x7C0F9E16, 0x2BCE3357, 0x6B315ECE, 0xCBB64068, 0x37BF51F5];

export const fp = new Mont(limbsFromWords(P_WORDS));
export const fn = new Mont(limbsFromWords(N_WORDS));

function mont(words: StaticArray<u32>): Limbs {
  const x = limbsFromWords(words);
  fp.toMont(ptr(x), ptr(x));
  return x;
}
const B = mont(B_WORDS);

/** A Jacobian point: limbs [X | Y | Z], 8 each. */
export type Point = StaticArray<u32>;

@inline export function X(p: Point): usize {
  return changetype<usize>(p);
}
@inline export function Y(p: Point): usize {
  return changetype<usize>(p) + 32;
}
@inline export function Z(p: Point): usize {
  return changetype<usize>(p) + 64;
}

export function newPoint(): Point {
  return new StaticArray<u32>(3 * S);
}

export function isInfinity(p: Point): bool {
  return isZero(Z(p), S);
}

/** Sets p to the affine point (x, y), given as plain field elements < p (not checked here). */
export function setAffine(p: Point, x: Limbs, y: Limbs): void {
  fp.toMont(X(p), ptr(x));
  fp.toMont(Y(p), ptr(y));
  copyLimbs(Z(p), ptr(fp.one), S);
}

export function generator(): Point {
  const g = newPoint();
  setAffine(g, limbsFromWords(GX_WORDS), limbsFromWords(GY_WORDS));
  return g;
}

const t0 = memory.data(S * 4, 16);
const t1 = memory.data(S * 4, 16);

/** Whether the affine point (x, y) (plain, < p) satisfies y^2 = x^3 - 3x + b. */
export function onCurve(x: Limbs, y: Limbs): bool {
  const xm = new StaticArray<u32>(S);
  const ym = new StaticArray<u32>(S);
  fp.toMont(ptr(xm), ptr(x));
  fp.toMont(ptr(ym), ptr(y));
  const a = t0;
  const b = t1;
  fp.mul(a, ptr(xm), ptr(xm));
  fp.mul(a, a, ptr(xm)); // x^3
  fp.add(b, ptr(xm), ptr(xm));
  fp.add(b, b, ptr(xm)); // 3x
  fp.sub(a, a, b);
  fp.add(a, a, ptr(B));
  fp.mul(b, ptr(ym), ptr(ym));
  return memory.compare(a, b, S << 2) == 0;
}
