// Montgomery contexts for recently used RSA moduli: preparing one (R^2 mod n) costs about as
// much as a verification, and a filter verifies with the same few JWKS keys over and over.
import { Mont } from "./bigint/mont";
import { limbsFromBytes } from "./bigint/limbs";

export class RsaContext {
  constructor(public modulus: ArrayBuffer, public mont: Mont) {}
}

const SLOTS = 8;
const cache = new Array<RsaContext | null>(SLOTS).fill(null);
let nextSlot = 0;

/** Context for the k-byte big-endian modulus at `p` (no leading zero); null if n is even. */
export function rsaContext(p: usize, k: i32): RsaContext | null {
  for (let i = 0; i < SLOTS; i++) {
    const c = cache[i];
    if (c !== null && c.modulus.byteLength == k && memory.compare(changetype<usize>(c.modulus), p, k) == 0) return c;
  }
  const limbs = new StaticArray<u32>((k + 3) >> 2);
  if (!limbsFromBytes(limbs, p, k) || !Mont.usable(limbs)) return null;
  const modulus = new ArrayBuffer(k);
  memory.copy(changetype<usize>(modulus), p, k);
  const ctx = new RsaContext(modulus, new Mont(limbs));
  cache[nextSlot] = ctx;
  nextSlot = (nextSlot + 1) % SLOTS;
  return ctx;
}
