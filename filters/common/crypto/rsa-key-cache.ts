// Montgomery contexts for recently used RSA moduli: preparing one (R^2 mod n) costs about as
// much as a verification, and a filter verifies with the same few JWKS keys over and over.
import { Mont28, MONT28_MAX_LIMBS, limbs28For, limbs28FromBytes, radixFor } from "./bigint/mont28";

export class RsaContext {
  constructor(public modulus: ArrayBuffer, public mont: Mont28) {}
}

const SLOTS = 8;
const cache = new Array<RsaContext | null>(SLOTS).fill(null);
let nextSlot = 0;

/** Context for the k-byte big-endian modulus at `p` (no leading zero); null if n is even or too long. */
export function rsaContext(p: usize, k: i32): RsaContext | null {
  for (let i = 0; i < SLOTS; i++) {
    const c = cache[i];
    if (c !== null && c.modulus.byteLength == k && memory.compare(changetype<usize>(c.modulus), p, k) == 0) return c;
  }
  if (k == 0 || (load<u8>(p + <usize>(k - 1)) & 1) == 0 || load<u8>(p) == 0) return null;
  const bits = k * 8 - <i32>clz<u32>(load<u8>(p)) + 24;
  const w = radixFor(bits);
  const s = limbs28For(bits, w);
  if (s > MONT28_MAX_LIMBS) return null;
  const limbs = new StaticArray<u64>(s);
  limbs28FromBytes(limbs, p, k, w);
  const modulus = new ArrayBuffer(k);
  memory.copy(changetype<usize>(modulus), p, k);
  const ctx = new RsaContext(modulus, new Mont28(limbs, w));
  cache[nextSlot] = ctx;
  nextSlot = (nextSlot + 1) % SLOTS;
  return ctx;
}
