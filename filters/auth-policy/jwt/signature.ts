// Signature check: the verifier comes from the configured key's type; the token's `alg` only
// has to agree with it. An HS256 token is therefore only ever checked against `oct` keys, so an
// RSA/EC/OKP public key can never be used as an HMAC secret (RFC 8725 §2.1).
import { hmacSha256At, } from "../../common/crypto/hmac";
import { constantTimeEqual } from "../../common/crypto/compare";
import { HashAlg, rsaPkcs1v15Verify } from "../../common/crypto/rsa";
import { ecdsaP256Verify } from "../../common/crypto/ecdsa-p256";
import { ed25519Verify } from "../../common/crypto/ed25519";
import { Jwk, KeyType } from "./jwks";
import { Alg, Jws } from "./token";

export enum KeyChoice { Verified, BadSignature, NoKey }

function keyTypeFor(alg: Alg): KeyType {
  if (alg == Alg.RS256) return KeyType.Rsa;
  if (alg == Alg.ES256) return KeyType.Ec;
  if (alg == Alg.EdDSA) return KeyType.Okp;
  return KeyType.Oct;
}

/**
 * Verifies `jws` (whose bytes start at `tokenPtr`) with the provider's keys: the key named by
 * `kid` when the token has one (exact match only), else every key of the matching type.
 */
export function verifySignature(keys: Jwk[], jws: Jws, tokenPtr: usize): KeyChoice {
  const type = keyTypeFor(jws.alg);
  const kid = jws.kid;
  let candidates = 0;
  for (let i = 0; i < keys.length; i++) {
    const key = unchecked(keys[i]);
    if (key.type != type) continue;
    if (kid !== null && (key.kid === null || key.kid! != kid)) continue;
    candidates++;
    if (verifyWith(key, jws, tokenPtr)) return KeyChoice.Verified;
  }
  return candidates == 0 ? KeyChoice.NoKey : KeyChoice.BadSignature;
}

function verifyWith(key: Jwk, jws: Jws, tokenPtr: usize): bool {
  const sig = jws.signature;
  const n = jws.signedLength;
  if (key.type == KeyType.Oct) {
    if (sig.byteLength != 32) return false;
    return constantTimeEqual(hmacSha256At(key.a, tokenPtr, n), sig);
  }
  const message = new ArrayBuffer(n);
  memory.copy(changetype<usize>(message), tokenPtr, n);
  if (key.type == KeyType.Rsa) {
    if (sig.byteLength != key.a.byteLength) return false;
    return rsaPkcs1v15Verify(HashAlg.SHA256, key.a, key.b, message, sig);
  }
  if (key.type == KeyType.Ec) {
    // Exactly r||s of 32 bytes each; r = 0 or s = 0 never verifies (CVE-2022-21449).
    if (sig.byteLength != 64 || isZero(sig, 0) || isZero(sig, 32)) return false;
    return ecdsaP256Verify(key.a, key.b, message, sig);
  }
  if (sig.byteLength != 64) return false;
  return ed25519Verify(key.a, message, sig);
}

function isZero(b: ArrayBuffer, at: i32): bool {
  const p = changetype<usize>(b) + at;
  let acc: u32 = 0;
  for (let i = 0; i < 32; i++) acc |= load<u8>(p + i);
  return acc == 0;
}
