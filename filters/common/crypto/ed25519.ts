// Ed25519 verification (RFC 8032 §5.1.7), JWS "EdDSA"/"Ed25519" (RFC 8037). Rejects
// non-canonical S (S >= L), invalid or non-canonical encodings of A, and any R that is not the
// canonical encoding of [S]B - [k]A (the cofactorless check RFC 8032 allows).
import { Sha512 } from "./sha512";
import { L, S, identity, edNegate } from "./ed25519/curve";
import { doubleScalarMulBase } from "./ed25519/multiply";
import { decodePoint, encodePoint } from "./ed25519/encoding";
import { ptr, cmp } from "./bigint/limbs";
import { reduceBytesLE } from "./bigint/reduce";

export function ed25519Verify(publicKey: ArrayBuffer, message: ArrayBuffer, signature: ArrayBuffer): bool {
  if (publicKey.byteLength != 32 || signature.byteLength != 64) return false;
  const sig = changetype<usize>(signature);
  const s = new StaticArray<u32>(S);
  memory.copy(ptr(s), sig + 32, 32);
  if (cmp(ptr(s), ptr(L), S) >= 0) return false;
  const a = decodePoint(changetype<usize>(publicKey));
  if (a === null) return false;

  const h = new Sha512(64);
  h.updateAt(sig, 32);
  h.update(publicKey);
  h.update(message);
  const k = reduceBytesLE(changetype<usize>(h.finish()), 64, L);

  const negA = identity();
  edNegate(negA, a);
  const acc = doubleScalarMulBase(s, k, negA); // [S]B - [k]A
  const r = encodePoint(acc);
  return memory.compare(changetype<usize>(r), sig, 32) == 0;
}
