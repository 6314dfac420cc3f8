// Strict JWS compact serialization (RFC 7515 §7.1): exactly three non-empty base64url segments,
// a JSON-object header and payload within size and depth limits, duplicate members rejected.
// Header parameters that would let the token choose its own key or extensions (jwk, jku, x5u,
// x5c, crit) and JWE markers are rejected, as is `alg: none` in any spelling.
import { base64urlDecodeAt } from "../../common/encoding/base64url";
import { parseJson } from "../../common/json/parse";
import { JsonValue } from "../../common/json/value";

export const MAX_TOKEN_BYTES = 8192;
const FORBIDDEN_HEADER = ["jwk", "jku", "x5u", "x5c", "crit", "enc", "zip", "b64"];

export enum Alg { RS256, ES256, HS256, EdDSA }

export class Jws {
  constructor(
    readonly alg: Alg,
    readonly kid: string | null,
    readonly header: JsonValue,
    readonly payload: JsonValue,
    /** Length of `header.payload`, the signed bytes, from the token's start. */
    readonly signedLength: i32,
    readonly signature: ArrayBuffer,
  ) {}
}

/** Why a token was refused; the text goes to debug logs only. */
export let parseError: string = "";

export function parseJws(ptr: usize, len: i32): Jws | null {
  if (len <= 0 || len > MAX_TOKEN_BYTES) return fail("token size");
  let dot1 = -1, dot2 = -1;
  for (let i = 0; i < len; i++) {
    if (load<u8>(ptr + i) != 0x2e) continue;
    if (dot1 < 0) dot1 = i;
    else if (dot2 < 0) dot2 = i;
    else return fail("more than three segments");
  }
  if (dot2 < 0) return fail("fewer than three segments");
  if (dot1 == 0 || dot2 == dot1 + 1 || dot2 == len - 1) return fail("empty segment");
  const headerBytes = base64urlDecodeAt(ptr, dot1);
  const payloadBytes = base64urlDecodeAt(ptr + dot1 + 1, dot2 - dot1 - 1);
  const signature = base64urlDecodeAt(ptr + dot2 + 1, len - dot2 - 1);
  if (headerBytes === null || payloadBytes === null || signature === null) return fail("base64url");
  const header = parseJson(headerBytes, 1024, 4);
  if (header === null || !header.isObject) return fail("header JSON");
  const payload = parseJson(payloadBytes, 6144, 16);
  if (payload === null || !payload.isObject) return fail("payload JSON");
  for (let i = 0; i < FORBIDDEN_HEADER.length; i++) {
    if (header.has(FORBIDDEN_HEADER[i])) return fail("forbidden header parameter");
  }
  const algJson = header.get("alg");
  if (algJson === null || !algJson.isString) return fail("alg");
  const alg = algOf(algJson.str);
  if (alg < 0) return fail("unsupported alg");
  const kidJson = header.get("kid");
  if (kidJson !== null && (!kidJson.isString || kidJson.str.length > 256)) return fail("kid");
  const typ = header.get("typ");
  if (typ !== null && !typ.isString) return fail("typ");
  const kid: string | null = kidJson === null ? null : kidJson.str;
  return new Jws(<Alg>alg, kid, header, payload, dot2, signature);
}

/** Exact, case-sensitive names (RFC 7518 §3.1, RFC 8037); `none` and everything else: -1. */
function algOf(s: string): i32 {
  if (s == "RS256") return Alg.RS256;
  if (s == "ES256") return Alg.ES256;
  if (s == "HS256") return Alg.HS256;
  if (s == "EdDSA" || s == "Ed25519") return Alg.EdDSA;
  return -1;
}

function fail(why: string): Jws | null {
  parseError = why;
  return null;
}
