// RSASSA-PKCS1-v1_5 verification (RFC 8017 §8.2.2). The expected encoded message
// EM = 00 01 FF..FF 00 || DigestInfo || H is built in full and compared byte for byte with
// s^e mod n; the decrypted block is never parsed (Bleichenbacher'06 forgeries rely on lenient
// parsers that skip garbage after the digest).
import { sha256 } from "./sha256";
import { sha384, sha512 } from "./sha512";
import { rsaContext } from "./rsa-key-cache";
import { Mont28, compare28, limbs28For, limbs28FromBytes, limbs28ToBytes } from "./bigint/mont28";

export enum HashAlg {
  SHA256 = 0,
  SHA384 = 1,
  SHA512 = 2,
}

export const RSA_MIN_MODULUS_BITS: i32 = 2048;
/** Bounds the cost of one verification (keys come from JWKS documents). */
export const RSA_MAX_MODULUS_BITS: i32 = 8192;

// DER of DigestInfo without the digest (RFC 8017 §9.2, note 1).
const PREFIX_SHA256: StaticArray<u8> = [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];
const PREFIX_SHA384: StaticArray<u8> = [0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30];
const PREFIX_SHA512: StaticArray<u8> = [0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40];

/** EMSA-PKCS1-v1_5 encoding of `message` for a k-byte modulus, or null if k is too short. */
export function emsaPkcs1v15Encode(hash: HashAlg, message: ArrayBuffer, k: i32): ArrayBuffer | null {
  let prefix: StaticArray<u8>;
  let digest: ArrayBuffer;
  if (hash == HashAlg.SHA256) {
    prefix = PREFIX_SHA256;
    digest = sha256(message);
  } else if (hash == HashAlg.SHA384) {
    prefix = PREFIX_SHA384;
    digest = sha384(message);
  } else if (hash == HashAlg.SHA512) {
    prefix = PREFIX_SHA512;
    digest = sha512(message);
  } else {
    return null;
  }
  const tLen = prefix.length + digest.byteLength;
  if (k < tLen + 11) return null;
  const em = new ArrayBuffer(k);
  const p = changetype<usize>(em);
  store<u8>(p, 0x00);
  store<u8>(p + 1, 0x01);
  const psEnd = k - tLen - 1;
  memory.fill(p + 2, 0xff, psEnd - 2);
  store<u8>(p + psEnd, 0x00);
  memory.copy(p + psEnd + 1, changetype<usize>(prefix), prefix.length);
  memory.copy(p + psEnd + 1 + prefix.length, changetype<usize>(digest), digest.byteLength);
  return em;
}

/** Index of the first non-zero byte (a JWK `n` must not have leading zeros, but be lenient). */
function firstNonZero(b: ArrayBuffer): i32 {
  const p = changetype<usize>(b);
  let i = 0;
  while (i < b.byteLength && load<u8>(p + i) == 0) i++;
  return i;
}

/** Public exponent as a u32: odd, 3 <= e <= 2^31-1 (as Go's crypto/rsa); 0 if unacceptable. */
function publicExponent(e: ArrayBuffer): u32 {
  const start = firstNonZero(e);
  const len = e.byteLength - start;
  if (len == 0 || len > 4) return 0;
  let v: u64 = 0;
  const p = changetype<usize>(e);
  for (let i = start; i < e.byteLength; i++) v = (v << 8) | load<u8>(p + i);
  if (v < 3 || v > 0x7fffffff || (v & 1) == 0) return 0;
  return <u32>v;
}

/**
 * RSAVP1 (RFC 8017 §5.2.2): signature^e mod n as k big-endian bytes, k = the modulus length.
 * null if the key is unusable (size outside [2048, 8192] bits, even n, e not an odd value in
 * [3, 2^31-1]) or the signature is not k bytes or not below n.
 */
export function rsaPublicOp(modulus: ArrayBuffer, exponent: ArrayBuffer, signature: ArrayBuffer): ArrayBuffer | null {
  const e = publicExponent(exponent);
  if (e == 0) return null;
  const nStart = firstNonZero(modulus);
  const k = modulus.byteLength - nStart;
  if (k == 0) return null;
  const bits = (k << 3) - <i32>clz<u32>(load<u8>(changetype<usize>(modulus) + nStart)) + 24;
  if (bits < RSA_MIN_MODULUS_BITS || bits > RSA_MAX_MODULUS_BITS) return null;
  if (signature.byteLength != k) return null;
  const ctx = rsaContext(changetype<usize>(modulus) + nStart, k);
  if (ctx === null) return null;
  return publicOp28(ctx.mont, e, signature, k);
}

/**
 * Square-and-multiply over e's bits in Montgomery form; e is odd, so the last step multiplies by
 * the plain signature, which also leaves Montgomery form (x*R * sig / R).
 */
function publicOp28(mont: Mont28, e: u32, signature: ArrayBuffer, k: i32): ArrayBuffer | null {
  const s = mont.s;
  const sig = new StaticArray<u64>(s);
  // The signature is k bytes like n, but n may need fewer limbs: bits beyond them mean sig >= n.
  const sigBits = k * 8 - <i32>clz<u32>(load<u8>(changetype<usize>(signature))) + 24;
  if (limbs28For(sigBits, mont.w) > s) return null;
  limbs28FromBytes(sig, changetype<usize>(signature), k, mont.w);
  const sp = changetype<usize>(sig);
  if (compare28(sp, changetype<usize>(mont.n), s) >= 0) return null;
  const sm = new StaticArray<u64>(s);
  const smp = changetype<usize>(sm);
  mont.mul(smp, sp, changetype<usize>(mont.rr));
  const acc = new StaticArray<u64>(s);
  const ap = changetype<usize>(acc);
  memory.copy(ap, smp, <usize>s << 3);
  for (let i = 30 - <i32>clz<u32>(e); i >= 0; i--) {
    mont.sqr(ap, ap);
    if ((e >> <u32>i) & 1) mont.mul(ap, ap, i == 0 ? sp : smp);
  }
  const out = new ArrayBuffer(k);
  limbs28ToBytes(changetype<usize>(out), k, acc, mont.w);
  return out;
}

export function rsaPkcs1v15Verify(
  hash: HashAlg,
  modulus: ArrayBuffer,
  exponent: ArrayBuffer,
  message: ArrayBuffer,
  signature: ArrayBuffer,
): bool {
  const m = rsaPublicOp(modulus, exponent, signature);
  if (m === null) return false;
  const em = emsaPkcs1v15Encode(hash, message, m.byteLength);
  if (em === null) return false;
  return memory.compare(changetype<usize>(m), changetype<usize>(em), m.byteLength) == 0;
}
