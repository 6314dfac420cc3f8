// NIST P-256 (FIPS 186-5 / SEC 2 secp256r1): y^2 = x^3 - 3x + b over p, group order n,
// cofactor 1. Points in Jacobian coordinates (X, Y, Z) <-> (X/Z^2, Y/Z^3), field elements in
// Montgomery form; Z = 0 is the point at infinity.
import { Mont } from "../bigint/mont";
import { Limbs, ptr, isZero, copyLimbs } from "../bigint/limbs";
import { limbsFromHex } from "../bigint/hex";

export const S = 8;
export const P_HEX = "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF";
export const N_HEX = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551";
const B_HEX = "5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B";
const GX_HEX = "6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296";
const GY_HEX = "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5";

export const fp = new Mont(limbsFromHex(P_HEX, S));
export const fn = new Mont(limbsFromHex(N_HEX, S));

function mont(hex: string): Limbs {
  const x = limbsFromHex(hex, S);
  fp.toMont(ptr(x), ptr(x));
  return x;
}
const B = mont(B_HEX);

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
  setAffine(g, limbsFromHex(GX_HEX, S), limbsFromHex(GY_HEX, S));
  return g;
}

const t0 = new StaticArray<u32>(S);
const t1 = new StaticArray<u32>(S);

/** Whether the affine point (x, y) (plain, < p) satisfies y^2 = x^3 - 3x + b. */
export function onCurve(x: Limbs, y: Limbs): bool {
  const xm = new StaticArray<u32>(S);
  const ym = new StaticArray<u32>(S);
  fp.toMont(ptr(xm), ptr(x));
  fp.toMont(ptr(ym), ptr(y));
  const a = ptr(t0);
  const b = ptr(t1);
  fp.mul(a, ptr(xm), ptr(xm));
  fp.mul(a, a, ptr(xm)); // x^3
  fp.add(b, ptr(xm), ptr(xm));
  fp.add(b, b, ptr(xm)); // 3x
  fp.sub(a, a, b);
  fp.add(a, a, ptr(B));
  fp.mul(b, ptr(ym), ptr(ym));
  return memory.compare(a, b, S << 2) == 0;
}
