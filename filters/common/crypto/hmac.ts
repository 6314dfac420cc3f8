// HMAC-SHA256 (RFC 2104 with FIPS 180-4 SHA-256; test vectors RFC 4231).
import { Sha256, sha256 } from "./sha256";

const BLOCK = 64;

/** HMAC-SHA256 of `len` bytes at `ptr` (e.g. a JWS signing input inside the token). */
export function hmacSha256At(key: ArrayBuffer, ptr: usize, len: i32): ArrayBuffer {
  const k = key.byteLength > BLOCK ? sha256(key) : key;
  const pad = new ArrayBuffer(BLOCK);
  const p = changetype<usize>(pad);
  const kp = changetype<usize>(k);
  const kl = k.byteLength;
  for (let i = 0; i < BLOCK; i++) store<u8>(p + i, (i < kl ? load<u8>(kp + i) : 0) ^ 0x36);
  const inner = new Sha256();
  inner.updateAt(p, BLOCK);
  inner.updateAt(ptr, len);
  const innerHash = inner.finish();
  for (let i = 0; i < BLOCK; i++) store<u8>(p + i, (i < kl ? load<u8>(kp + i) : 0) ^ 0x5c);
  const outer = new Sha256();
  outer.updateAt(p, BLOCK);
  outer.update(innerHash);
  return outer.finish();
}

export function hmacSha256(key: ArrayBuffer, data: ArrayBuffer): ArrayBuffer {
  return hmacSha256At(key, changetype<usize>(data), data.byteLength);
}
