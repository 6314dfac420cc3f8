// Registered-claim checks (RFC 7519 §4.1, with Envoy jwt_authn's timing rules): `iss` must equal
// the provider's issuer; `aud` (string or array of strings) must name a configured audience when
// any are configured; `exp` is required; expired iff now > exp + skew, not yet valid iff
// now + skew < nbf; an `iat` in the future is refused; with a maximum lifetime, `iat` is
// required and exp − iat may not exceed it. Time claims must be integers.
import { JsonValue } from "../../common/json/value";
import { integerIn } from "../json-fields";
import { Provider } from "./provider";

export enum ClaimsStatus { Ok, Issuer, Audience, Expired, NotYetValid, BadClaim, Lifetime }

const MAX_TIME: i64 = 253402300799; // 9999-12-31

/** -1 absent, -2 invalid, else the value. */
function timeClaim(payload: JsonValue, key: string): i64 {
  const v = payload.get(key);
  if (v === null) return -1;
  if (!v.isNumber || !integerIn(v.num, 0, MAX_TIME)) return -2;
  return <i64>v.num;
}

export function checkClaims(p: Provider, payload: JsonValue, now: i64): ClaimsStatus {
  const iss = payload.get("iss");
  if (iss === null || !iss.isString || iss.str != p.issuer) return ClaimsStatus.Issuer;
  const sub = payload.get("sub");
  if (sub !== null && !sub.isString) return ClaimsStatus.BadClaim;
  const azp = payload.get("azp");
  if (azp !== null && !azp.isString) return ClaimsStatus.BadClaim;
  if (!audienceOk(p, payload.get("aud"))) return ClaimsStatus.Audience;
  const exp = timeClaim(payload, "exp"), nbf = timeClaim(payload, "nbf"), iat = timeClaim(payload, "iat");
  if (exp == -2 || nbf == -2 || iat == -2) return ClaimsStatus.BadClaim;
  const skew = p.clockSkewSeconds;
  if (exp < 0 || now > exp + skew) return ClaimsStatus.Expired;
  if (nbf >= 0 && now + skew < nbf) return ClaimsStatus.NotYetValid;
  if (iat >= 0 && iat > now + skew) return ClaimsStatus.NotYetValid;
  if (p.maxLifetimeSeconds > 0 && (iat < 0 || exp - iat > p.maxLifetimeSeconds)) return ClaimsStatus.Lifetime;
  return ClaimsStatus.Ok;
}

function audienceOk(p: Provider, aud: JsonValue | null): bool {
  if (aud !== null && !aud.isString) {
    if (!aud.isArray) return false;
    for (let i = 0; i < aud.items.length; i++) if (!aud.items[i].isString) return false;
  }
  if (p.audiences.length == 0) return true;
  if (aud === null) return false;
  if (aud.isString) return p.audiences.includes(aud.str);
  for (let i = 0; i < aud.items.length; i++) if (p.audiences.includes(aud.items[i].str)) return true;
  return false;
}
