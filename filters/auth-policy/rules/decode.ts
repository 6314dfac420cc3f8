// Decodes the `rules` of the configuration into the compact model. Unknown fields, unknown
// condition keys and malformed patterns, CIDRs or ports make the whole configuration invalid.
import { JsonValue } from "../../common/json/value";
import { stringList, NOT_STRINGS, integerIn, notKey, onlyKeysOrNot } from "../json-fields";
import { Pattern, decodePatterns } from "./pattern";
import { PathPattern, decodePathPattern } from "./path-pattern";
import { CidrBlock, parseCidr } from "./cidr";
import { decodeCondition } from "./decode-condition";
import { pathGate } from "./path-gate";
import { Action, Condition, ConditionKey, Operation, Rule, RuleNeeds, Source } from "./model";

const RULE_KEYS = ["id", "action", "from", "to", "when"];
// Each with its `notKey` form as well.
const SOURCE_KEYS = ["principals", "namespaces", "ipBlocks", "requestPrincipals"];
const OPERATION_KEYS = ["methods", "paths", "hosts", "ports"];

/** Set when a decoder failed (reset per rule); decodeRule then rejects the rule. */
let failed = false;

export function decodeRule(json: JsonValue, needs: RuleNeeds): Rule | null {
  if (!json.isObject || !json.onlyKeys(RULE_KEYS)) return null;
  const id = json.get("id"), action = json.get("action");
  if (id === null || !id.isString || id.str.length == 0 || id.str.length > 256) return null;
  if (action === null || !action.isString) return null;
  let act: Action;
  if (action.str == "ALLOW") act = Action.Allow;
  else if (action.str == "DENY") act = Action.Deny;
  else if (action.str == "AUDIT") act = Action.Audit;
  else return null;
  failed = false;
  const from = new Array<Source>(), to = new Array<Operation>(), when = new Array<Condition>();
  const fromJson = objects(json.get("from")), toJson = objects(json.get("to")), whenJson = objects(json.get("when"));
  for (let i = 0; i < fromJson.length; i++) from.push(decodeSource(fromJson[i], needs));
  for (let i = 0; i < toJson.length; i++) to.push(decodeOperation(toJson[i], needs));
  for (let i = 0; i < whenJson.length; i++) {
    const c = decodeCondition(whenJson[i], needs);
    if (c === null) failed = true; else when.push(c);
  }
  if (failed) return null;
  const rule = new Rule(id.str, act, from, to, when);
  rule.pathGate = pathGate(to);
  return rule;
}

function objects(v: JsonValue | null): JsonValue[] {
  if (v === null) return [];
  if (!v.isArray) { failed = true; return []; }
  for (let i = 0; i < v.items.length; i++) if (!v.items[i].isObject) failed = true;
  return failed ? [] : v.items;
}

function patterns(obj: JsonValue, key: string, lower: bool = false): Pattern[] | null {
  const list = stringList(obj, key);
  if (list === NOT_STRINGS) { failed = true; return null; }
  if (list === null) return null;
  const out = decodePatterns(list, lower);
  if (out === null) failed = true;
  return out;
}

/** Principals are compared without `spiffe://`, so Istio's `td/ns/x/sa/y` form works as well. */
function principals(obj: JsonValue, key: string): Pattern[] | null {
  const items = stringList(obj, key);
  if (items === NOT_STRINGS) { failed = true; return null; }
  if (items === null) return null;
  const stripped = new Array<string>();
  for (let i = 0; i < items.length; i++) {
    stripped.push(items[i].startsWith("spiffe://") ? items[i].substring(9) : items[i]);
  }
  const out = decodePatterns(stripped);
  if (out === null) failed = true;
  return out;
}

function cidrList(obj: JsonValue, key: string): CidrBlock[] | null {
  const items = stringList(obj, key);
  if (items === NOT_STRINGS) { failed = true; return null; }
  if (items === null) return null;
  const out = new Array<CidrBlock>();
  for (let i = 0; i < items.length; i++) {
    const b = parseCidr(items[i]);
    if (b === null) { failed = true; return null; }
    out.push(b);
  }
  return out;
}

function pathList(obj: JsonValue, key: string): PathPattern[] | null {
  const items = stringList(obj, key);
  if (items === NOT_STRINGS) { failed = true; return null; }
  if (items === null) return null;
  const out = new Array<PathPattern>();
  for (let i = 0; i < items.length; i++) {
    const p = decodePathPattern(items[i]);
    if (p === null) { failed = true; return null; }
    out.push(p);
  }
  return out;
}

function portList(obj: JsonValue, key: string): i64[] | null {
  const v = obj.get(key);
  if (v === null) return null;
  if (!v.isArray) { failed = true; return null; }
  const out = new Array<i64>();
  for (let i = 0; i < v.items.length; i++) {
    const n = v.items[i];
    if (!n.isNumber || !integerIn(n.num, 0, 65535)) { failed = true; return null; }
    out.push(<i64>n.num);
  }
  return out.length == 0 ? null : out;
}

function decodeSource(json: JsonValue, needs: RuleNeeds): Source {
  const s = new Source();
  if (!onlyKeysOrNot(json, SOURCE_KEYS)) { failed = true; return s; }
  s.principals = principals(json, "principals");
  s.notPrincipals = principals(json, notKey("principals"));
  s.namespaces = patterns(json, "namespaces");
  s.notNamespaces = patterns(json, notKey("namespaces"));
  s.ipBlocks = cidrList(json, "ipBlocks");
  s.notIpBlocks = cidrList(json, notKey("ipBlocks"));
  s.requestPrincipals = patterns(json, "requestPrincipals");
  s.notRequestPrincipals = patterns(json, notKey("requestPrincipals"));
  if (s.principals !== null || s.notPrincipals !== null || s.namespaces !== null || s.notNamespaces !== null) needs.peer = true;
  if (s.ipBlocks !== null || s.notIpBlocks !== null) needs.sourceIp = true;
  return s;
}

function decodeOperation(json: JsonValue, needs: RuleNeeds): Operation {
  const o = new Operation();
  if (!onlyKeysOrNot(json, OPERATION_KEYS)) { failed = true; return o; }
  o.methods = patterns(json, "methods");
  o.notMethods = patterns(json, notKey("methods"));
  o.paths = pathList(json, "paths");
  o.notPaths = pathList(json, notKey("paths"));
  o.hosts = patterns(json, "hosts", true);
  o.notHosts = patterns(json, notKey("hosts"), true);
  o.ports = portList(json, "ports");
  o.notPorts = portList(json, notKey("ports"));
  if (o.ports !== null || o.notPorts !== null) needs.destinationPort = true;
  return o;
}
