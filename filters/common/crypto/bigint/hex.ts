// Curve constants written as big-endian hex (config-time only).
import { Limbs } from "./limbs";

function nibble(c: i32): u32 {
  if (c >= 48 && c <= 57) return <u32>(c - 48);
  if (c >= 97 && c <= 102) return <u32>(c - 87);
  return <u32>(c - 55); // A-F
}

/** Limbs (little-endian u32) of a big-endian hex constant of exactly 8*s digits. */
export function limbsFromHex(hex: string, s: i32): Limbs {
  const out = new StaticArray<u32>(s);
  for (let i = 0; i < s; i++) {
    let v: u32 = 0;
    const start = (s - 1 - i) << 3;
    for (let j = 0; j < 8; j++) v = (v << 4) | nibble(hex.charCodeAt(start + j));
    unchecked((out[i] = v));
  }
  return out;
}
