// Values for outputClaimToHeaders: string, integer, number and boolean claims (nested via
// `a.b.c`), as Envoy's claim_to_headers does. A value with control bytes is not copied. An
// integral number is written in decimal (1e3 → 1000); any other as the token writes it (the
// JSON text: no float formatting code in the module for a claim that is rarely a fraction).
import { JsonValue } from "../../common/json/value";
import { Provider } from "./provider";
import { decimal } from "../text";
import { encodeUtf8 } from "../../common/encoding/utf8";

export function claimHeaderValue(claims: JsonValue, path: string[]): ArrayBuffer | null {
  let v: JsonValue | null = claims;
  for (let i = 0; i < path.length && v !== null; i++) v = v.get(path[i]);
  if (v === null) return null;
  let s: string;
  if (v.isString) s = v.str;
  else if (v.isBool) s = v.bool ? "true" : "false";
  else if (v.isNumber) s = Math.floor(v.num) == v.num && Math.abs(v.num) < 9007199254740992 ? decimal(<i64>v.num) : v.numText;
  else return null;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c == 0x7f) return null;
  }
  return encodeUtf8(s);
}

/** For each configured claim header of every provider, the verified value or null. */
export function claimHeaderValues(providers: Provider[], verifiedBy: i32, claims: JsonValue | null): Array<ArrayBuffer | null> {
  const out = new Array<ArrayBuffer | null>();
  for (let i = 0; i < providers.length; i++) {
    const p = unchecked(providers[i]);
    for (let j = 0; j < p.claimHeaders.length; j++) {
      out.push(i == verifiedBy && claims !== null ? claimHeaderValue(claims, p.claimHeaders[j].claim) : null);
    }
  }
  return out;
}
