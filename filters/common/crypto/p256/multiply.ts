// u1*G + u2*Q on P-256 by one interleaved double-and-add pass over the wNAF (w = 5) digits of
// both scalars, with odd multiples 1G..15G precomputed once and 1Q..15Q per call.
import { fp, S, Point, Y, newPoint, generator } from "./curve";
import { pointAdd, pointDouble } from "./arith";
import { Limbs, ptr, copyLimbs } from "../bigint/limbs";
import { wnaf } from "../bigint/wnaf";

const W = 5;
const TABLE = 1 << (W - 2); // odd multiples 1, 3, ..., 2^(W-1) - 1

/** [P, 3P, 5P, ..., 15P] */
function oddMultiples(p: Point): Point[] {
  const out = new Array<Point>(TABLE);
  const twice = newPoint();
  pointDouble(twice, p);
  out[0] = p;
  for (let i = 1; i < TABLE; i++) {
    const next = newPoint();
    pointAdd(next, out[i - 1], twice);
    out[i] = next;
  }
  return out;
}

const G_MULTIPLES = oddMultiples(generator());
const ZERO = memory.data(S * 4, 16);

/** acc += d*P for a wNAF digit d, given P's odd multiples. */
function addDigit(acc: Point, multiples: Point[], d: i32, neg: Point): void {
  if (d > 0) {
    pointAdd(acc, acc, unchecked(multiples[d >> 1]));
  } else if (d < 0) {
    const p = unchecked(multiples[-d >> 1]);
    copyLimbs(changetype<usize>(neg), changetype<usize>(p), 3 * S);
    fp.sub(Y(neg), ZERO, Y(p)); // -(X, Y, Z) = (X, -Y, Z)
    pointAdd(acc, acc, neg);
  }
}

/** u1*G + u2*Q (Jacobian; infinity has Z = 0). */
export function doubleScalarMulBase(u1: Limbs, u2: Limbs, q: Point): Point {
  const d1 = wnaf(u1, W);
  const d2 = wnaf(u2, W);
  const qMultiples = oddMultiples(q);
  const acc = newPoint();
  const neg = newPoint();
  let top = d1.length - 1;
  while (top >= 0 && unchecked(d1[top]) == 0 && unchecked(d2[top]) == 0) top--;
  for (let i = top; i >= 0; i--) {
    pointDouble(acc, acc);
    addDigit(acc, G_MULTIPLES, unchecked(d1[i]), neg);
    addDigit(acc, qMultiples, unchecked(d2[i]), neg);
  }
  return acc;
}
