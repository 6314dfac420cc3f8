// Istio's evaluation: a rule matches when one of its sources, one of its operations and all of
// its conditions match (absent lists match anything). Within a source or operation every set
// field must hold; a field's values are alternatives; a `not` field holds when none matches.
// A value the request does not have (no peer, no JWT, no header) matches no positive list and
// every `not` list.
import { item } from "./item";
import { JsonValue } from "../../common/json/value";
import { Pattern, anyMatches, anyMatchesAt } from "./pattern";
import { anyPathMatches, PathPattern } from "./path-pattern";
import { CidrBlock, IpAddress } from "./cidr";
import { Rule, Source, Operation, Condition, ConditionKey } from "./model";
import { RequestFacts } from "./facts";
import { encodeUtf8 } from "../../common/encoding/utf8";

export function ruleMatches(rule: Rule, f: RequestFacts): bool {
  if (rule.sources.length > 0) {
    let any = false;
    for (let i = 0; i < rule.sources.length && !any; i++) any = sourceMatches(item(rule.sources, i), f);
    if (!any) return false;
  }
  if (rule.operations.length > 0) {
    let any = false;
    for (let i = 0; i < rule.operations.length && !any; i++) any = operationMatches(item(rule.operations, i), f);
    if (!any) return false;
  }
  for (let i = 0; i < rule.conditions.length; i++) {
    if (!conditionMatches(item(rule.conditions, i), f)) return false;
  }
  return true;
}

@inline function optional(list: Pattern[] | null, value: ArrayBuffer | null, negate: bool): bool {
  if (list === null) return true;
  const hit = value !== null && anyMatches(list, value);
  return negate ? !hit : hit;
}

@inline function cidrs(list: CidrBlock[] | null, ip: IpAddress | null, negate: bool): bool {
  if (list === null) return true;
  let hit = false;
  if (ip !== null) for (let i = 0; i < list.length && !hit; i++) hit = unchecked(list[i]).contains(ip);
  return negate ? !hit : hit;
}

@inline function ports(list: i64[] | null, port: i64, negate: bool): bool {
  if (list === null) return true;
  const hit = port >= 0 && list.includes(port);
  return negate ? !hit : hit;
}

@inline function methods(list: Pattern[] | null, ptr: usize, len: usize, negate: bool): bool {
  if (list === null) return true;
  const hit = anyMatchesAt(list, ptr, len);
  return negate ? !hit : hit;
}

@inline function paths(list: PathPattern[] | null, ptr: usize, len: usize, negate: bool): bool {
  if (list === null) return true;
  const hit = anyPathMatches(list, ptr, len);
  return negate ? !hit : hit;
}

@inline export function sourceMatches(s: Source, f: RequestFacts): bool {
  return optional(s.principals, f.peerPrincipal, false) && optional(s.notPrincipals, f.peerPrincipal, true)
    && optional(s.namespaces, f.peerNamespace, false) && optional(s.notNamespaces, f.peerNamespace, true)
    && cidrs(s.ipBlocks, f.sourceIp, false) && cidrs(s.notIpBlocks, f.sourceIp, true)
    && optional(s.requestPrincipals, f.requestPrincipal, false)
    && optional(s.notRequestPrincipals, f.requestPrincipal, true);
}

@inline export function operationMatches(o: Operation, f: RequestFacts): bool {
  return methods(o.methods, f.methodPtr, f.methodLen, false) && methods(o.notMethods, f.methodPtr, f.methodLen, true)
    && paths(o.paths, f.pathPtr, f.pathLen, false) && paths(o.notPaths, f.pathPtr, f.pathLen, true)
    && hosts(o.hosts, f, false) && hosts(o.notHosts, f, true)
    && ports(o.ports, f.destinationPort, false) && ports(o.notPorts, f.destinationPort, true);
}

/** A pattern naming a port is compared with the whole authority, any other with the host. */
@inline function hosts(list: Pattern[] | null, f: RequestFacts, negate: bool): bool {
  if (list === null) return true;
  let hit = false;
  for (let i = 0; i < list.length && !hit; i++) {
    const p = unchecked(list[i]);
    hit = p.matchesAt(f.authorityPtr, hasColonAfterHost(p.value) ? f.authorityLen : f.hostLen);
  }
  return negate ? !hit : hit;
}

function hasColonAfterHost(b: ArrayBuffer): bool {
  const n = b.byteLength;
  const p = changetype<usize>(b);
  let i = 0;
  if (n > 0 && load<u8>(p) == 0x5b) { while (i < n && load<u8>(p + i) != 0x5d) i++; }
  for (; i < n; i++) if (load<u8>(p + i) == 0x3a) return true;
  return false;
}

export function conditionMatches(c: Condition, f: RequestFacts): bool {
  switch (c.key) {
    case ConditionKey.Header: return headerCondition(c, f);
    case ConditionKey.Claim: return listCondition(c, claimAt(f.claims, c.claimPath));
    case ConditionKey.Audiences: return listCondition(c, claimAt(f.claims, ["aud"]));
    case ConditionKey.Presenter: return listCondition(c, claimAt(f.claims, ["azp"]));
    case ConditionKey.RequestPrincipal: return bytesCondition(c, f.requestPrincipal);
    case ConditionKey.SourceNamespace: return bytesCondition(c, f.peerNamespace);
    case ConditionKey.SourcePrincipal: return bytesCondition(c, f.peerPrincipal);
    case ConditionKey.SourceIp: return cidrs(c.cidrs, f.sourceIp, false) && cidrs(c.notCidrs, f.sourceIp, true);
    case ConditionKey.DestinationIp: return cidrs(c.cidrs, f.destinationIp, false) && cidrs(c.notCidrs, f.destinationIp, true);
    default: return ports(c.ports, f.destinationPort, false) && ports(c.notPorts, f.destinationPort, true);
  }
}

function bytesCondition(c: Condition, value: ArrayBuffer | null): bool {
  return optional(c.values, value, false) && optional(c.notValues, value, true);
}

/** Every value of the header counts on its own (never only the first, never comma-joined). */
function headerCondition(c: Condition, f: RequestFacts): bool {
  const o = f.overriddenHeaders;
  let overridden = false;
  let value: ArrayBuffer | null = null;
  for (let i = 0; i < o.length; i++) {
    if (o[i].byteLength == c.header.byteLength && memory.compare(changetype<usize>(o[i]), changetype<usize>(c.header), o[i].byteLength) == 0) {
      overridden = true;
      if (value === null) value = f.overriddenValues[i];
    }
  }
  if (overridden) return bytesCondition(c, value);
  const h = f.headers;
  let hitValues = false, hitNot = false;
  for (let i = h.indexOf(c.header); i >= 0; i = h.indexOf(c.header, i + 1)) {
    const values = c.values, notValues = c.notValues;
    if (values !== null && anyMatchesAt(values, h.valuePtr(i), h.valueLen(i))) hitValues = true;
    if (notValues !== null && anyMatchesAt(notValues, h.valuePtr(i), h.valueLen(i))) hitNot = true;
  }
  return (c.values === null || hitValues) && !hitNot;
}

/** Claim values as strings: a string, each string of an array, or a boolean's text. */
function claimStrings(v: JsonValue | null): string[] {
  const out = new Array<string>();
  if (v === null) return out;
  if (v.isString) out.push(v.str);
  else if (v.isBool) out.push(v.bool ? "true" : "false");
  else if (v.isArray) {
    for (let i = 0; i < v.items.length; i++) if (v.items[i].isString) out.push(v.items[i].str);
  }
  return out;
}

function listCondition(c: Condition, v: JsonValue | null): bool {
  const strings = claimStrings(v);
  let hitValues = false, hitNot = false;
  for (let i = 0; i < strings.length; i++) {
    const b = encodeUtf8(strings[i]);
    const values = c.values, notValues = c.notValues;
    if (values !== null && anyMatches(values, b)) hitValues = true;
    if (notValues !== null && anyMatches(notValues, b)) hitNot = true;
  }
  return (c.values === null || hitValues) && !hitNot;
}

export function claimAt(claims: JsonValue | null, path: string[]): JsonValue | null {
  let v = claims;
  for (let i = 0; i < path.length && v !== null; i++) v = v.get(path[i]);
  return v;
}
