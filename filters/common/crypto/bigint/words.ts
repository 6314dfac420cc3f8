// Curve constants, written as big-endian 32-bit words (the hex digits of the standards in groups
// of eight): 32 bytes of static data each, where a hex string took 128 and code to parse it.
import { Limbs } from "./limbs";

/** Limbs (little-endian u32, a fresh array) of a constant given as big-endian 32-bit words. */
export function limbsFromWords(words: StaticArray<u32>): Limbs {
  const s = words.length;
  const out = new StaticArray<u32>(s);
  for (let i = 0; i < s; i++) unchecked((out[i] = words[s - 1 - i]));
  return out;
}
