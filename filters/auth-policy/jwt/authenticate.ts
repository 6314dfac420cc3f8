// Request authentication: each provider looks for its token; a token is verified by the
// provider whose issuer it names. No token anywhere: unauthenticated (the rules decide). A
// token that no provider accepts — bad format, unknown issuer, bad signature, expired — or two
// tokens where one is expected: invalid (401).
import { HeaderPairs } from "../../common/headers/pairs";
import { JsonValue } from "../../common/json/value";
import { Provider } from "./provider";
import { decimal } from "../text";
import { findTokenAt } from "./extract";
import { parseJws, parseError, MAX_TOKEN_BYTES } from "./token";
import { copyFrom } from "../../common/bytes";
import { verifySignature, KeyChoice } from "./signature";
import { checkClaims, ClaimsStatus } from "./claims";
import { TokenCache, VerifiedToken } from "./cache";
import { claimHeaderValues } from "./claim-headers";
import { encodeUtf8 } from "../../common/encoding/utf8";

export enum AuthStatus { None, Verified, Invalid }

const NO_VALUES: Array<ArrayBuffer | null> = [];

export class AuthResult {
  status: AuthStatus = AuthStatus.None;
  /** Index of the provider that verified, or that refused (for the realm). */
  provider: i32 = -1;
  principal: ArrayBuffer | null = null;
  claims: JsonValue | null = null;
  /** outputClaimToHeaders values of every provider, in config order (null: not set). */
  claimValues: Array<ArrayBuffer | null> = NO_VALUES;
  /** Header carrying the verified token (to strip when not forwarded). */
  tokenHeader: ArrayBuffer | null = null;
  reason: string = "";

  static invalid(provider: i32, reason: string): AuthResult {
    const r = new AuthResult();
    r.status = AuthStatus.Invalid; r.provider = provider; r.reason = reason;
    return r;
  }
}

/** Several providers may share a location (all default to `Authorization: Bearer`): a token
 * another provider's issuer names is that provider's, so an issuer mismatch only fails the
 * request when no provider claims the token. */
const NO_TOKEN = new AuthResult();

/** `clock` gives the time in seconds; it is read only when a token is found (a host call that a
 * request without a token does not need). */
export function authenticate(providers: Provider[], h: HeaderPairs, pathPtr: usize, pathLen: usize, clock: () => i64, cache: TokenCache): AuthResult {
  let result = NO_TOKEN;
  let now: i64 = -1;
  for (let i = 0; i < providers.length; i++) {
    const p = unchecked(providers[i]);
    const found = findTokenAt(p, h, pathPtr, pathLen);
    if (found.count == 0) continue;
    if (found.count > 1) return AuthResult.invalid(i, "more than one token");
    if (now < 0) now = clock();
    const r = verifyFor(providers, i, found.ptr, found.len, now, cache);
    if (r.status == AuthStatus.Verified) {
      r.tokenHeader = found.header;
      return r;
    }
    if (r.reason != "issuer") return r;
    if (result.status == AuthStatus.None) result = r;
  }
  return result;
}

function verifyFor(providers: Provider[], index: i32, token: usize, tokenLen: usize, now: i64, cache: TokenCache): AuthResult {
  const p = providers[index];
  const hit = cache.getAt(token, tokenLen, index, now, p.clockSkewSeconds);
  if (hit !== null) return verified(index, hit.principal, hit.claims, hit.claimValues, HIT);
  if (tokenLen > <usize>MAX_TOKEN_BYTES) return AuthResult.invalid(index, "token size");
  const jws = parseJws(token, <i32>tokenLen);
  if (jws === null) return AuthResult.invalid(index, parseError);
  const iss = jws.payload.get("iss");
  if (iss === null || !iss.isString || iss.str != p.issuer) return AuthResult.invalid(index, "issuer");
  const sig = verifySignature(p.keys, jws, token);
  if (sig == KeyChoice.NoKey) return AuthResult.invalid(index, "no key for kid/alg");
  if (sig != KeyChoice.Verified) return AuthResult.invalid(index, "signature");
  const status = checkClaims(p, jws.payload, now);
  if (status != ClaimsStatus.Ok) return AuthResult.invalid(index, "claims " + decimal(status));
  const sub = jws.payload.get("sub");
  const principal = encodeUtf8(p.issuer + "/" + (sub === null ? "" : sub.str));
  const exp = <i64>jws.payload.get("exp")!.num;
  const nbfJson = jws.payload.get("nbf");
  const values = claimHeaderValues(providers, index, jws.payload);
  cache.put(new VerifiedToken(copyFrom(token, tokenLen), index, principal, jws.payload, values, exp, nbfJson === null ? -1 : <i64>nbfJson.num));
  return verified(index, principal, jws.payload, values, new AuthResult());
}

// A cache hit's result, filled in place (no allocation per request): each request reads it
// before the next one is authenticated.
const HIT = new AuthResult();

function verified(index: i32, principal: ArrayBuffer, claims: JsonValue, values: Array<ArrayBuffer | null>, r: AuthResult): AuthResult {
  r.tokenHeader = null; r.reason = "";
  r.status = AuthStatus.Verified; r.provider = index; r.principal = principal; r.claims = claims; r.claimValues = values;
  return r;
}
