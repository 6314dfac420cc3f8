// Point encoding (RFC 8032 §5.1.2) and strict decoding (§5.1.3): y < p, and x = 0 with the
// sign bit set is rejected.
import { fe, S, D, SQRT_M1, EdPoint, EX, EY, EZ, fromAffine } from "./curve";
import { Limbs, ptr, cmp, copyLimbs, isZero } from "../bigint/limbs";

// p - 2 = 2^255 - 21 and (p - 5) / 8 = 2^252 - 3, least significant word first
const P_MINUS_2: StaticArray<u32> = [0xffffffeb, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x7fffffff];
const P58: StaticArray<u32> = [0xfffffffd, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x0fffffff];

/** Decodes 32 bytes at src; null if not a valid canonical encoding of a curve point. */
export function decodePoint(src: usize): EdPoint | null {
  const y = new StaticArray<u32>(S);
  memory.copy(ptr(y), src, 32); // little-endian bytes = little-endian limbs in wasm memory
  const sign = y[7] >> 31;
  y[7] &= 0x7fffffff;
  if (cmp(ptr(y), ptr(fe.n), S) >= 0) return null;
  const ym = new StaticArray<u32>(S);
  fe.toMont(ptr(ym), ptr(y));
  // u = y^2 - 1, v = d y^2 + 1, x = u v^3 (u v^7)^((p-5)/8)
  const u = new StaticArray<u32>(S);
  const v = new StaticArray<u32>(S);
  fe.mul(ptr(u), ptr(ym), ptr(ym));
  fe.mul(ptr(v), ptr(u), ptr(D));
  fe.sub(ptr(u), ptr(u), ptr(fe.one));
  fe.add(ptr(v), ptr(v), ptr(fe.one));
  const v3 = new StaticArray<u32>(S);
  fe.mul(ptr(v3), ptr(v), ptr(v));
  fe.mul(ptr(v3), ptr(v3), ptr(v));
  const x = new StaticArray<u32>(S);
  fe.mul(ptr(x), ptr(v3), ptr(v3));
  fe.mul(ptr(x), ptr(x), ptr(v));
  fe.mul(ptr(x), ptr(x), ptr(u)); // u v^7
  fe.pow(ptr(x), ptr(x), ptr(P58), S);
  fe.mul(ptr(x), ptr(x), ptr(v3));
  fe.mul(ptr(x), ptr(x), ptr(u));
  // v x^2 == u: root; == -u: multiply by sqrt(-1); else no square root.
  const vx2 = new StaticArray<u32>(S);
  fe.mul(ptr(vx2), ptr(x), ptr(x));
  fe.mul(ptr(vx2), ptr(vx2), ptr(v));
  if (memory.compare(ptr(vx2), ptr(u), 32) != 0) {
    const negU = new StaticArray<u32>(S);
    fe.sub(ptr(negU), ptr(negU), ptr(u));
    if (memory.compare(ptr(vx2), ptr(negU), 32) != 0) return null;
    fe.mul(ptr(x), ptr(x), ptr(SQRT_M1));
  }
  const xPlain = new StaticArray<u32>(S);
  fe.fromMont(ptr(xPlain), ptr(x));
  if (isZero(ptr(xPlain), S) && sign == 1) return null;
  if ((xPlain[0] & 1) != sign) {
    const zero = new StaticArray<u32>(S);
    fe.sub(ptr(x), ptr(zero), ptr(x));
  }
  return fromAffine(ptr(x), ptr(ym));
}

/** The 32-byte encoding of p. */
export function encodePoint(p: EdPoint): ArrayBuffer {
  const zi = new StaticArray<u32>(S);
  fe.pow(ptr(zi), EZ(p), ptr(P_MINUS_2), S);
  const x = new StaticArray<u32>(S);
  const y = new StaticArray<u32>(S);
  fe.mul(ptr(x), EX(p), ptr(zi));
  fe.mul(ptr(y), EY(p), ptr(zi));
  fe.fromMont(ptr(x), ptr(x));
  fe.fromMont(ptr(y), ptr(y));
  y[7] |= (x[0] & 1) << 31;
  const out = new ArrayBuffer(32);
  copyLimbs(changetype<usize>(out), ptr(y), S);
  return out;
}
