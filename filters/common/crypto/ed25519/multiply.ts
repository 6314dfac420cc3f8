// [s]B + [k]P on edwards25519 by one interleaved double-and-add pass over the wNAF (w = 5)
// digits of both scalars, with odd multiples 1B..15B precomputed once and 1P..15P per call.
import { fe, S, EdPoint, EX, ET, identity, basePoint, edAdd, edDouble } from "./curve";
import { Limbs, ptr, copyLimbs } from "../bigint/limbs";
import { wnaf } from "../bigint/wnaf";

const W = 5;
const TABLE = 1 << (W - 2);

function oddMultiples(p: EdPoint): EdPoint[] {
  const out = new Array<EdPoint>(TABLE);
  const twice = identity();
  edDouble(twice, p);
  out[0] = p;
  for (let i = 1; i < TABLE; i++) {
    const next = identity();
    edAdd(next, out[i - 1], twice);
    out[i] = next;
  }
  return out;
}

const B_MULTIPLES = oddMultiples(basePoint());
const ZERO = memory.data(S * 4, 16);

function addDigit(acc: EdPoint, multiples: EdPoint[], d: i32, neg: EdPoint): void {
  if (d > 0) {
    edAdd(acc, acc, unchecked(multiples[d >> 1]));
  } else if (d < 0) {
    const p = unchecked(multiples[-d >> 1]);
    copyLimbs(changetype<usize>(neg), changetype<usize>(p), 4 * S);
    fe.sub(EX(neg), ZERO, EX(p)); // -(X, Y, Z, T) = (-X, Y, Z, -T)
    fe.sub(ET(neg), ZERO, ET(p));
    edAdd(acc, acc, neg);
  }
}

/** [s]B + [k]P. */
export function doubleScalarMulBase(s: Limbs, k: Limbs, p: EdPoint): EdPoint {
  const d1 = wnaf(s, W);
  const d2 = wnaf(k, W);
  const pMultiples = oddMultiples(p);
  const acc = identity();
  const neg = identity();
  let top = d1.length - 1;
  while (top >= 0 && unchecked(d1[top]) == 0 && unchecked(d2[top]) == 0) top--;
  for (let i = top; i >= 0; i--) {
    edDouble(acc, acc);
    addDigit(acc, B_MULTIPLES, unchecked(d1[i]), neg);
    addDigit(acc, pMultiples, unchecked(d2[i]), neg);
  }
  return acc;
}
