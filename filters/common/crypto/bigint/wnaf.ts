// Width-w non-adjacent form of a scalar: digits in {0, ±1, ±3, ..., ±(2^(w-1) - 1)}, at most one
// non-zero digit in any w consecutive positions, so a double-and-add pass over it does about
// bits/(w+1) additions (of precomputed odd multiples) instead of bits/2.
import { Limbs } from "./limbs";

/** wNAF digits of k (little-endian limbs), least significant first; length 32*k.length + 1. */
export function wnaf(k: Limbs, w: i32): StaticArray<i8> {
  const bits = k.length << 5;
  const digits = new StaticArray<i8>(bits + 1);
  let carry: u32 = 0;
  let bit = 0;
  while (bit < bits) {
    // bit + carry even: digit 0, and the carry moves up unchanged.
    if (bitsAt(k, bit, 1) == carry) {
      bit++;
      continue;
    }
    const now = min(w, bits - bit);
    let digit = <i32>(bitsAt(k, bit, now) + carry); // odd
    carry = <u32>(digit >> (w - 1)) & 1;
    digit -= <i32>carry << w;
    unchecked((digits[bit] = <i8>digit));
    bit += now;
  }
  if (carry != 0) unchecked((digits[bits] = 1));
  return digits;
}

/** `count` (<= 32) bits of k starting at bit `pos`. */
@inline function bitsAt(k: Limbs, pos: i32, count: i32): u32 {
  const li = pos >> 5;
  const off = <u32>(pos & 31);
  let v = unchecked(k[li]) >>> off;
  if (off + <u32>count > 32 && li + 1 < k.length) v |= unchecked(k[li + 1]) << (32 - off);
  return count == 32 ? v : v & ((<u32>1 << <u32>count) - 1);
}
