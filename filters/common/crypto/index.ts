// The crypto API filters use to verify JWS signatures. Every byte string is an ArrayBuffer,
// big-endian where it is a number (as JWK and JWS carry them). Nothing here throws: a bad
// input (wrong length, out-of-range value, invalid point, small key) is a failed verification.
// Constant time matters only for MAC comparison (constantTimeEqual); signature verification
// works on public data.
//
//   sha256 / sha384 / sha512(data)                 digest (32 / 48 / 64 bytes)
//   sha256At / sha384At / sha512At(ptr, len)       same over a slice of memory, no copy
//   hmacSha256(key, data), hmacSha256At(key, ptr, len)
//   constantTimeEqual(a, b)                        for MACs: no early exit
//   rsaPkcs1v15Verify(HashAlg, n, e, message, sig) RS256/RS384/RS512; 2048 <= n bits <= 8192,
//                                                  odd e in [3, 2^31-1], sig exactly as long as n
//   ecdsaP256Verify(x, y, message, sig)            ES256: x, y 32 bytes; sig = r||s, 64 bytes
//   ed25519Verify(publicKey, message, sig)         EdDSA/Ed25519: key 32, sig 64 bytes
//   base64urlDecode(bytes) / base64urlDecodeAt(ptr, len) / base64urlDecodeString(s)
//                                                  strict, canonical; null when invalid
//   base64urlEncode(bytes): string, base64urlEncodeBytes(bytes): ArrayBuffer

export { sha256, sha256At } from "./sha256";
export { sha384, sha384At, sha512, sha512At } from "./sha512";
export { hmacSha256, hmacSha256At } from "./hmac";
export { constantTimeEqual } from "./compare";
export { HashAlg, rsaPkcs1v15Verify, RSA_MIN_MODULUS_BITS, RSA_MAX_MODULUS_BITS } from "./rsa";
export { ecdsaP256Verify } from "./ecdsa-p256";
export { ed25519Verify } from "./ed25519";
export {
  base64urlDecode,
  base64urlDecodeAt,
  base64urlDecodeString,
  base64urlEncode,
  base64urlEncodeBytes,
} from "../encoding/base64url";
