// Reduction of a long little-endian byte string modulo m (e.g. a SHA-512 output mod the
// Ed25519 group order): bit by bit, most significant first. m must be below 2^(32s-1).
import { Limbs, ptr, limb, setLimb, cmp, subTo } from "./limbs";

export function reduceBytesLE(src: usize, len: i32, m: Limbs): Limbs {
  const s = m.length;
  const r = new StaticArray<u32>(s);
  const rp = ptr(r);
  const mp = ptr(m);
  for (let i = len - 1; i >= 0; i--) {
    const byte = <u32>load<u8>(src + <usize>i);
    for (let b = 7; b >= 0; b--) {
      // r = 2r + bit
      let carry = (byte >> <u32>b) & 1;
      for (let j = 0; j < s; j++) {
        const v = limb(rp, j);
        setLimb(rp, j, (v << 1) | carry);
        carry = v >> 31;
      }
      if (cmp(rp, mp, s) >= 0) subTo(rp, rp, mp, s);
    }
  }
  return r;
}
