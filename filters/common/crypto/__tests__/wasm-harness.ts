// Wasm entry for bench/crypto and test/crypto (Node), not part of any filter: Node writes
// inputs into slots, calls a digest or verifier, and reads the result back.
import {
  sha256, sha384, sha512, hmacSha256, HashAlg, rsaPkcs1v15Verify, ecdsaP256Verify, ed25519Verify,
  base64urlDecode,
} from "../index";
import { rsaPublicOp } from "../rsa";

const slots = new Array<ArrayBuffer>(8).fill(new ArrayBuffer(0));
let output = new ArrayBuffer(0);

/** Allocates input slot `i` of `len` bytes and returns its address for the caller to fill. */
export function setInput(i: i32, len: i32): usize {
  slots[i] = new ArrayBuffer(len);
  return changetype<usize>(slots[i]);
}

export function outputPtr(): usize {
  return changetype<usize>(output);
}

export function outputLen(): i32 {
  return output.byteLength;
}

/** 0 sha256, 1 sha384, 2 sha512, 3 hmac-sha256(slot1 key), 4 base64url decode (-1 if invalid). */
export function digest(kind: i32): i32 {
  if (kind == 0) output = sha256(slots[0]);
  else if (kind == 1) output = sha384(slots[0]);
  else if (kind == 2) output = sha512(slots[0]);
  else if (kind == 3) output = hmacSha256(slots[1], slots[0]);
  else {
    const d = base64urlDecode(slots[0]);
    if (d === null) return -1;
    output = d;
  }
  return output.byteLength;
}

/** slots: 0 message, 1 signature, 2 n, 3 e. */
export function rsaVerify(hash: i32, times: i32): i32 {
  let ok = 0;
  for (let i = 0; i < times; i++) ok += rsaPkcs1v15Verify(<HashAlg>hash, slots[2], slots[3], slots[0], slots[1]) ? 1 : 0;
  return ok;
}

/** RSAVP1 of slot 1 under (slot 2, slot 3) into the output; -1 if refused. */
export function rsaRaw(): i32 {
  const m = rsaPublicOp(slots[2], slots[3], slots[1]);
  if (m === null) return -1;
  output = m;
  return m.byteLength;
}

/** slots: 0 message, 1 signature, 2 x, 3 y. */
export function ecdsaVerify(times: i32): i32 {
  let ok = 0;
  for (let i = 0; i < times; i++) ok += ecdsaP256Verify(slots[2], slots[3], slots[0], slots[1]) ? 1 : 0;
  return ok;
}

/** slots: 0 message, 1 signature, 2 public key. */
export function edVerify(times: i32): i32 {
  let ok = 0;
  for (let i = 0; i < times; i++) ok += ed25519Verify(slots[2], slots[0], slots[1]) ? 1 : 0;
  return ok;
}
