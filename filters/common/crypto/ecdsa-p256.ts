// ECDSA verification on P-256 with SHA-256 (FIPS 186-5 §6.4.2), JWS "ES256" (RFC 7518 §3.4:
// the signature is r || s, 32 bytes each). Rejects r or s outside [1, n-1] (CVE-2022-21449:
// r = s = 0 must fail), public keys off the curve, and a sum u1 G + u2 Q at infinity.
import { sha256 } from "./sha256";
import { fp, fn, S, Point, X, Z, newPoint, setAffine, onCurve, isInfinity } from "./p256/curve";
import { doubleScalarMulBase } from "./p256/multiply";
import { Limbs, ptr, limbsFromBytes, cmp, isZero, subTo, addTo } from "./bigint/limbs";


function scalar(src: usize): Limbs | null {
  const v = new StaticArray<u32>(S);
  limbsFromBytes(v, src, 32);
  if (isZero(ptr(v), S) || cmp(ptr(v), ptr(fn.n), S) >= 0) return null;
  return v;
}

function fieldElement(b: ArrayBuffer): Limbs | null {
  if (b.byteLength != 32) return null;
  const v = new StaticArray<u32>(S);
  limbsFromBytes(v, changetype<usize>(b), 32);
  return cmp(ptr(v), ptr(fp.n), S) < 0 ? v : null;
}

/** s^-1 mod n by Fermat (n is prime), in and out plain. */
function invertModN(out: Limbs, s: Limbs): void {
  const nMinus2 = new StaticArray<u32>(S);
  const two = new StaticArray<u32>(S);
  unchecked((two[0] = 2));
  subTo(ptr(nMinus2), ptr(fn.n), ptr(two), S);
  const sm = new StaticArray<u32>(S);
  fn.toMont(ptr(sm), ptr(s));
  fn.pow(ptr(sm), ptr(sm), ptr(nMinus2), S);
  fn.fromMont(ptr(out), ptr(sm));
}

export function ecdsaP256Verify(x: ArrayBuffer, y: ArrayBuffer, message: ArrayBuffer, signature: ArrayBuffer): bool {
  if (signature.byteLength != 64) return false;
  const qx = fieldElement(x);
  const qy = fieldElement(y);
  if (qx === null || qy === null || !onCurve(qx, qy)) return false;
  const r = scalar(changetype<usize>(signature));
  const s = scalar(changetype<usize>(signature) + 32);
  if (r === null || s === null) return false;

  // e = SHA-256(message) mod n (256-bit hash, 256-bit n: one conditional subtraction).
  const e = new StaticArray<u32>(S);
  limbsFromBytes(e, changetype<usize>(sha256(message)), 32);
  if (cmp(ptr(e), ptr(fn.n), S) >= 0) subTo(ptr(e), ptr(e), ptr(fn.n), S);

  const w = new StaticArray<u32>(S);
  invertModN(w, s);
  // u1 = e w, u2 = r w (mod n): Montgomery multiply by w*R gives plain products.
  const wm = new StaticArray<u32>(S);
  fn.toMont(ptr(wm), ptr(w));
  const u1 = new StaticArray<u32>(S);
  const u2 = new StaticArray<u32>(S);
  fn.mul(ptr(u1), ptr(e), ptr(wm));
  fn.mul(ptr(u2), ptr(r), ptr(wm));

  const q = newPoint();
  setAffine(q, qx, qy);
  const acc = doubleScalarMulBase(u1, u2, q);
  if (isInfinity(acc)) return false;

  // Accept iff x(acc) mod n == r, i.e. X == r' Z^2 for r' in {r, r + n} with r' < p: no inversion.
  const z2 = new StaticArray<u32>(S);
  fp.mul(ptr(z2), Z(acc), Z(acc));
  if (matchesX(acc, r, z2)) return true;
  const rn = new StaticArray<u32>(S);
  if (addTo(ptr(rn), ptr(r), ptr(fn.n), S) != 0 || cmp(ptr(rn), ptr(fp.n), S) >= 0) return false;
  return matchesX(acc, rn, z2);
}

/** Whether X(acc) == c * Z^2 in the field (c plain, z2 in Montgomery form). */
function matchesX(acc: Point, c: Limbs, z2: Limbs): bool {
  const t = new StaticArray<u32>(S);
  fp.mul(ptr(t), ptr(c), ptr(z2)); // c * (Z^2 R) / R = c Z^2 ... in plain form
  fp.toMont(ptr(t), ptr(t));
  return memory.compare(ptr(t), X(acc), S << 2) == 0;
}
