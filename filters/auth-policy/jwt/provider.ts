// A JWT provider as the filter uses it, decoded once from the configuration.
import { JsonValue } from "../../common/json/value";
import { stringList, NOT_STRINGS, stringField, intField, boolField, ABSENT, INVALID } from "../json-fields";
import { Jwk, decodeJwks } from "./jwks";
import { lowerCopy } from "../../common/match/ascii";
import { splitAt } from "../text";
import { encodeUtf8 } from "../../common/encoding/utf8";

export class HeaderLocation {
  constructor(/** lower case */ readonly name: ArrayBuffer, /** may be empty */ readonly prefix: ArrayBuffer) {}
}

export class ClaimHeader {
  constructor(readonly header: ArrayBuffer, /** `a.b.c` → ["a","b","c"] */ readonly claim: string[]) {}
}

export class Provider {
  name: string = "";
  issuer: string = "";
  audiences: string[] = [];
  keys: Jwk[] = [];
  fromHeaders: HeaderLocation[] = [];
  fromParams: ArrayBuffer[] = [];
  fromCookies: ArrayBuffer[] = [];
  forward: bool = false;
  claimHeaders: ClaimHeader[] = [];
  clockSkewSeconds: i64 = 60;
  /** 0: no limit. */
  maxLifetimeSeconds: i64 = 0;
}

const KEYS = ["name", "issuer", "audiences", "jwks", "fromHeaders", "fromParams", "fromCookies", "forward",
  "outputClaimToHeaders", "clockSkewSeconds", "maxLifetimeSeconds"];

export function decodeProvider(json: JsonValue): Provider | null {
  if (!json.isObject || !json.onlyKeys(KEYS)) return null;
  const p = new Provider();
  const name = stringField(json, "name", null), issuer = stringField(json, "issuer", null);
  if (name === null || issuer === null || name.length == 0 || issuer.length == 0) return null;
  p.name = name; p.issuer = issuer;
  const audiences = stringList(json, "audiences");
  if (audiences === NOT_STRINGS) return null;
  if (audiences !== null) p.audiences = audiences;
  const keys = decodeJwks(json.get("jwks"));
  if (keys === null) return null;
  p.keys = keys;
  if (!decodeLocations(json, p)) return null;
  const forward = boolField(json, "forward", false);
  if (forward < 0) return null;
  p.forward = forward == 1;
  if (!decodeClaimHeaders(json.get("outputClaimToHeaders"), p)) return null;
  const skew = intField(json, "clockSkewSeconds", 0, 600);
  if (skew == INVALID) return null;
  p.clockSkewSeconds = skew == ABSENT ? 60 : skew;
  const life = intField(json, "maxLifetimeSeconds", 1, 10 * 365 * 86400);
  if (life == INVALID) return null;
  p.maxLifetimeSeconds = life == ABSENT ? 0 : life;
  return p;
}

function decodeLocations(json: JsonValue, p: Provider): bool {
  const headers = json.get("fromHeaders");
  if (headers !== null) {
    if (!headers.isArray) return false;
    for (let i = 0; i < headers.items.length; i++) {
      const h = headers.items[i];
      if (!h.isObject || !h.onlyKeys(["name", "prefix"])) return false;
      const name = stringField(h, "name", null), prefix = stringField(h, "prefix", "");
      if (name === null || name.length == 0 || prefix === null) return false;
      p.fromHeaders.push(new HeaderLocation(lowerCopy(encodeUtf8(name)), encodeUtf8(prefix)));
    }
  }
  const params = stringList(json, "fromParams"), cookies = stringList(json, "fromCookies");
  if (params === NOT_STRINGS || cookies === NOT_STRINGS) return false;
  if (params !== null) for (let i = 0; i < params.length; i++) p.fromParams.push(encodeUtf8(params[i]));
  if (cookies !== null) for (let i = 0; i < cookies.length; i++) p.fromCookies.push(encodeUtf8(cookies[i]));
  if (p.fromHeaders.length == 0 && p.fromParams.length == 0 && p.fromCookies.length == 0) {
    p.fromHeaders.push(new HeaderLocation(encodeUtf8("authorization"), encodeUtf8("Bearer ")));
  }
  return true;
}

function decodeClaimHeaders(v: JsonValue | null, p: Provider): bool {
  if (v === null) return true;
  if (!v.isArray) return false;
  for (let i = 0; i < v.items.length; i++) {
    const c = v.items[i];
    if (!c.isObject || !c.onlyKeys(["header", "claim"])) return false;
    const header = stringField(c, "header", null), claim = stringField(c, "claim", null);
    if (header === null || claim === null || header.length == 0 || claim.length == 0) return false;
    const lowered = lowerCopy(encodeUtf8(header));
    if (header.startsWith(":") || String.UTF8.decode(lowered) == "host") return false;
    const path = splitAt(claim, ".");
    for (let j = 0; j < path.length; j++) if (path[j].length == 0) return false;
    p.claimHeaders.push(new ClaimHeader(lowered, path));
  }
  return true;
}
