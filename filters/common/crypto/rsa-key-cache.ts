// Montgomery contexts for recently used RSA moduli: preparing one (R^2 mod n) costs about as
// much as a verification, and a filter verifies with the same few JWKS keys over and over.
import { Mont } from "./bigint/mont";
import { limbsFromBytes } from "./bigint/limbs";
import { Mont28, MONT28_MAX_LIMBS, limbs28For, limbs28FromBytes } from "./bigint/mont28";

/** Radix-2^28 arithmetic (`mont28`) for moduli up to 3360 bits, 32-bit limbs (`mont`) above. */
export class RsaContext {
  constructor(public modulus: ArrayBuffer, public mont: Mont | null, public mont28: Mont28 | null) {}
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
  if (k == 0 || (load<u8>(p + <usize>(k - 1)) & 1) == 0 || load<u8>(p) == 0) return null;
  let mont: Mont | null = null, mont28: Mont28 | null = null;
  const s28 = limbs28For(k * 8 - <i32>clz<u32>(load<u8>(p)) + 24);
  if (s28 <= MONT28_MAX_LIMBS) {
    const limbs = new StaticArray<u64>(s28);
    limbs28FromBytes(limbs, p, k);
    if (unchecked(limbs[s28 - 1]) == 0) return null;
    mont28 = new Mont28(limbs);
  } else {
    const limbs = new StaticArray<u32>((k + 3) >> 2);
    if (!limbsFromBytes(limbs, p, k) || !Mont.usable(limbs)) return null;
    mont = new Mont(limbs);
  }
  const modulus = new ArrayBuffer(k);
  memory.copy(changetype<usize>(modulus), p, k);
  const ctx = new RsaContext(modulus, mont, mont28);
  cache[nextSlot] = ctx;
  nextSlot = (nextSlot + 1) % SLOTS;
  return ctx;
}
