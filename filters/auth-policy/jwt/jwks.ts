// JWK Set decoding (RFC 7517/7518/8037) into verifier-ready keys. Only what the filter can
// verify is accepted: RSA ≥ 2048 bits (RS256), EC P-256 (ES256), OKP Ed25519 (EdDSA), oct
// ≥ 256 bits (HS256). Anything else — another kty/crv/alg, private members, a key not meant
// for signatures — rejects the whole configuration rather than being skipped.
import { JsonValue } from "../../common/json/value";
import { base64urlDecodeString } from "../../common/encoding/base64url";
import { RSA_MIN_MODULUS_BITS } from "../../common/crypto/rsa";

export enum KeyType { Rsa, Ec, Okp, Oct }

export class Jwk {
  constructor(
    readonly type: KeyType,
    /** null when the key has no kid. */
    readonly kid: string | null,
    /** RSA n / EC x / OKP x / oct k. */
    readonly a: ArrayBuffer,
    /** RSA e / EC y; empty otherwise. */
    readonly b: ArrayBuffer,
  ) {}
}

const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth"];

export function decodeJwks(json: JsonValue | null): Jwk[] | null {
  if (json === null || !json.isObject || !json.onlyKeys(["keys"])) return null;
  const keys = json.get("keys");
  if (keys === null || !keys.isArray || keys.items.length == 0 || keys.items.length > 64) return null;
  const out = new Array<Jwk>();
  for (let i = 0; i < keys.items.length; i++) {
    const k = decodeJwk(keys.items[i]);
    if (k === null) return null;
    out.push(k);
  }
  return out;
}

function str(json: JsonValue, key: string): string | null {
  const v = json.get(key);
  return v !== null && v.isString ? v.str : null;
}

/** Whether an optional member is absent or a string equal to one of `allowed`. */
function absentOr(json: JsonValue, key: string, allowed: string[]): bool {
  const v = json.get(key);
  if (v === null) return true;
  return v.isString && allowed.includes(v.str);
}

export function decodeJwk(json: JsonValue): Jwk | null {
  if (!json.isObject) return null;
  const kty = str(json, "kty");
  if (kty === null) return null;
  if (!absentOr(json, "use", ["sig"])) return null;
  const ops = json.get("key_ops");
  if (ops !== null && !keyOpsAllowVerify(ops)) return null;
  const kidJson = json.get("kid");
  if (kidJson !== null && (!kidJson.isString || kidJson.str.length > 256)) return null;
  const kid: string | null = kidJson === null ? null : kidJson.str;
  if (kty != "oct") for (let i = 0; i < PRIVATE_MEMBERS.length; i++) if (json.has(PRIVATE_MEMBERS[i])) return null;
  if (kty == "RSA") {
    if (!absentOr(json, "alg", ["RS256"])) return null;
    const n = field(json, "n"), e = field(json, "e");
    if (n === null || e === null || !rsaKeyOk(n, e)) return null;
    return new Jwk(KeyType.Rsa, kid, n, e);
  }
  if (kty == "EC") {
    if (!absentOr(json, "alg", ["ES256"]) || str(json, "crv") != "P-256") return null;
    const x = field(json, "x"), y = field(json, "y");
    if (x === null || y === null || x.byteLength != 32 || y.byteLength != 32) return null;
    return new Jwk(KeyType.Ec, kid, x, y);
  }
  if (kty == "OKP") {
    if (!absentOr(json, "alg", ["EdDSA", "Ed25519"]) || str(json, "crv") != "Ed25519") return null;
    const x = field(json, "x");
    if (x === null || x.byteLength != 32) return null;
    return new Jwk(KeyType.Okp, kid, x, new ArrayBuffer(0));
  }
  if (kty == "oct") {
    if (!absentOr(json, "alg", ["HS256"])) return null;
    const k = field(json, "k");
    if (k === null || k.byteLength < 32) return null; // RFC 7518 §3.2: at least the hash size
    return new Jwk(KeyType.Oct, kid, k, new ArrayBuffer(0));
  }
  return null;
}

function field(json: JsonValue, key: string): ArrayBuffer | null {
  const s = str(json, key);
  return s === null || s.length == 0 ? null : base64urlDecodeString(s);
}

function keyOpsAllowVerify(ops: JsonValue): bool {
  if (!ops.isArray) return false;
  for (let i = 0; i < ops.items.length; i++) if (ops.items[i].isString && ops.items[i].str == "verify") return true;
  return false;
}

/** Modulus without leading zero bytes ≥ 2048 bits; exponent 1..4 bytes, odd, > 1. */
function rsaKeyOk(n: ArrayBuffer, e: ArrayBuffer): bool {
  const np = changetype<usize>(n);
  let lead = 0;
  while (lead < n.byteLength && load<u8>(np + lead) == 0) lead++;
  if (lead > 0) return false; // RFC 7518 §6.3.1.1: no leading zeros
  const first = <u32>load<u8>(np);
  const bits = (n.byteLength - 1) * 8 + (32 - clz<u32>(first));
  if (bits < RSA_MIN_MODULUS_BITS || n.byteLength > 1024) return false;
  if (e.byteLength == 0 || e.byteLength > 4) return false;
  const ep = changetype<usize>(e);
  if (load<u8>(ep) == 0) return false;
  let value: u64 = 0;
  for (let i = 0; i < e.byteLength; i++) value = (value << 8) | load<u8>(ep + i);
  return value > 1 && (value & 1) == 1;
}
