// Decodes one `when` condition. Keys are Istio's; an unknown key is an error (a condition we
// cannot evaluate must not silently widen or narrow a policy).
import { JsonValue } from "../../common/json/value";
import { stringList, NOT_STRINGS } from "../json-fields";
import { decodePatterns } from "./pattern";
import { parseCidr, CidrBlock } from "./cidr";
import { Condition, ConditionKey, RuleNeeds } from "./model";
import { lowerCopy } from "../../common/match/ascii";
import { encodeUtf8 } from "../../common/encoding/utf8";

const KEYS = ["key", "values", "notValues"];
const HEADER_PREFIX = "request.headers[";
const AUTH_PREFIX = "request.auth.";
const CLAIM_PREFIX = "request.auth.claims[";

export function decodeCondition(json: JsonValue, needs: RuleNeeds): Condition | null {
  if (!json.isObject || !json.onlyKeys(KEYS)) return null;
  const keyJson = json.get("key");
  if (keyJson === null || !keyJson.isString) return null;
  const values = stringList(json, "values"), notValues = stringList(json, "notValues");
  if (values === NOT_STRINGS || notValues === NOT_STRINGS) return null;
  if (values === null && notValues === null) return null;
  const c = new Condition();
  const key = keyJson.str;
  if (key.startsWith(HEADER_PREFIX) && key.charCodeAt(key.length - 1) == 0x5d) {
    const name = key.substring(HEADER_PREFIX.length, key.length - 1);
    if (!validHeaderName(name)) return null;
    c.key = ConditionKey.Header;
    c.header = lowerCopy(encodeUtf8(name));
  } else if (key.startsWith(CLAIM_PREFIX) && key.charCodeAt(key.length - 1) == 0x5d) {
    const path = claimPath(key.substring(CLAIM_PREFIX.length - 1));
    if (path === null) return null;
    c.key = ConditionKey.Claim;
    c.claimPath = path;
  } else if (key.startsWith(AUTH_PREFIX)) {
    const name = key.substring(AUTH_PREFIX.length);
    if (name == "principal") c.key = ConditionKey.RequestPrincipal;
    else if (name == "audiences") c.key = ConditionKey.Audiences;
    else if (name == "presenter") c.key = ConditionKey.Presenter;
    else return null;
  } else if (key.startsWith("source.")) {
    const name = key.substring(7);
    if (name == "namespace") { c.key = ConditionKey.SourceNamespace; needs.peer = true; }
    else if (name == "principal") { c.key = ConditionKey.SourcePrincipal; needs.peer = true; }
    else if (name == "ip") { c.key = ConditionKey.SourceIp; needs.sourceIp = true; }
    else return null;
  } else if (key == "destination.ip") { c.key = ConditionKey.DestinationIp; needs.destinationIp = true; }
  else if (key == "destination.port") { c.key = ConditionKey.DestinationPort; needs.destinationPort = true; }
  else return null;
  return fillValues(c, values, notValues) ? c : null;
}

function fillValues(c: Condition, values: string[] | null, notValues: string[] | null): bool {
  if (c.key == ConditionKey.SourceIp || c.key == ConditionKey.DestinationIp) {
    c.cidrs = cidrs(values);
    c.notCidrs = cidrs(notValues);
    return (values === null || c.cidrs !== null) && (notValues === null || c.notCidrs !== null);
  }
  if (c.key == ConditionKey.DestinationPort) {
    c.ports = ports(values);
    c.notPorts = ports(notValues);
    return (values === null || c.ports !== null) && (notValues === null || c.notPorts !== null);
  }
  const principal = c.key == ConditionKey.SourcePrincipal;
  if (values !== null) {
    c.values = decodePatterns(principal ? stripSpiffe(values) : values);
    if (c.values === null) return false;
  }
  if (notValues !== null) {
    c.notValues = decodePatterns(principal ? stripSpiffe(notValues) : notValues);
    if (c.notValues === null) return false;
  }
  return true;
}

function stripSpiffe(items: string[]): string[] {
  const out = new Array<string>();
  for (let i = 0; i < items.length; i++) out.push(items[i].startsWith("spiffe://") ? items[i].substring(9) : items[i]);
  return out;
}

function cidrs(items: string[] | null): CidrBlock[] | null {
  if (items === null) return null;
  const out = new Array<CidrBlock>();
  for (let i = 0; i < items.length; i++) {
    const b = parseCidr(items[i]);
    if (b === null) return null;
    out.push(b);
  }
  return out;
}

function ports(items: string[] | null): i64[] | null {
  if (items === null) return null;
  const out = new Array<i64>();
  for (let i = 0; i < items.length; i++) {
    const s = items[i];
    if (s.length == 0 || s.length > 5) return null;
    let n: i64 = 0;
    for (let j = 0; j < s.length; j++) {
      const ch = s.charCodeAt(j);
      if (ch < 48 || ch > 57) return null;
      n = n * 10 + (ch - 48);
    }
    if (n > 65535) return null;
    out.push(n);
  }
  return out;
}

/** `[a][b]` → ["a", "b"]; null when malformed or empty. */
export function claimPath(s: string): string[] | null {
  const out = new Array<string>();
  let i = 0;
  while (i < s.length) {
    if (s.charCodeAt(i) != 0x5b) return null;
    const close = s.indexOf("]", i);
    if (close <= i + 1) return null;
    const name = s.substring(i + 1, close);
    if (name.includes("[")) return null;
    out.push(name);
    i = close + 1;
  }
  return out.length == 0 || out.length > 8 ? null : out;
}

/** RFC 9110 token characters only (no spaces, no NUL, no separators). */
function validHeaderName(name: string): bool {
  if (name.length == 0 || name.length > 256) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!alnum && "!#$%&'*+-.^_`|~".indexOf(String.fromCharCode(c)) < 0) {
      if (!(i == 0 && c == 0x3a)) return false; // pseudo-headers such as :authority
    }
  }
  return true;
}
