// Decodes the `rules` of the configuration into the compact model. Unknown fields, unknown
// condition keys and malformed patterns, CIDRs or ports make the whole configuration invalid.
import { JsonValue } from "../../common/json/value";
import { stringList, integerIn, notKey, onlyKeysOrNot } from "../json-fields";
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

/** Set when a decoder failed; the caller rejects the configuration. */
class Failure { failed: bool = false; }

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
  const fail = new Failure();
  const from = new Array<Source>(), to = new Array<Operation>(), when = new Array<Condition>();
  const fromJson = objects(json.get("from"), fail), toJson = objects(json.get("to"), fail), whenJson = objects(json.get("when"), fail);
  for (let i = 0; i < fromJson.length; i++) from.push(decodeSource(fromJson[i], needs, fail));
  for (let i = 0; i < toJson.length; i++) to.push(decodeOperation(toJson[i], needs, fail));
  for (let i = 0; i < whenJson.length; i++) {
    const c = decodeCondition(whenJson[i], needs);
    if (c === null) fail.failed = true; else when.push(c);
  }
  if (fail.failed) return null;
  const rule = new Rule(id.str, act, from, to, when);
  rule.pathGate = pathGate(to);
  return rule;
}

function objects(v: JsonValue | null, fail: Failure): JsonValue[] {
  if (v === null) return [];
  if (!v.isArray) { fail.failed = true; return []; }
  for (let i = 0; i < v.items.length; i++) if (!v.items[i].isObject) fail.failed = true;
  return fail.failed ? [] : v.items;
}

function patterns(obj: JsonValue, key: string, fail: Failure, lower: bool = false): Pattern[] | null {
  const list = stringList(obj, key);
  if (!list.ok) { fail.failed = true; return null; }
  if (list.items === null) return null;
  const out = decodePatterns(list.items!, lower);
  if (out === null) fail.failed = true;
  return out;
}

/** Principals are compared without `spiffe://`, so Istio's `td/ns/x/sa/y` form works as well. */
function principals(obj: JsonValue, key: string, fail: Failure): Pattern[] | null {
  const list = stringList(obj, key);
  if (!list.ok) { fail.failed = true; return null; }
  const items = list.items;
  if (items === null) return null;
  const stripped = new Array<string>();
  for (let i = 0; i < items.length; i++) {
    stripped.push(items[i].startsWith("spiffe://") ? items[i].substring(9) : items[i]);
  }
  const out = decodePatterns(stripped);
  if (out === null) fail.failed = true;
  return out;
}

function cidrList(obj: JsonValue, key: string, fail: Failure): CidrBlock[] | null {
  const list = stringList(obj, key);
  if (!list.ok) { fail.failed = true; return null; }
  const items = list.items;
  if (items === null) return null;
  const out = new Array<CidrBlock>();
  for (let i = 0; i < items.length; i++) {
    const b = parseCidr(items[i]);
    if (b === null) { fail.failed = true; return null; }
    out.push(b);
  }
  return out;
}

function pathList(obj: JsonValue, key: string, fail: Failure): PathPattern[] | null {
  const list = stringList(obj, key);
  if (!list.ok) { fail.failed = true; return null; }
  const items = list.items;
  if (items === null) return null;
  const out = new Array<PathPattern>();
  for (let i = 0; i < items.length; i++) {
    const p = decodePathPattern(items[i]);
    if (p === null) { fail.failed = true; return null; }
    out.push(p);
  }
  return out;
}

function portList(obj: JsonValue, key: string, fail: Failure): i64[] | null {
  const v = obj.get(key);
  if (v === null) return null;
  if (!v.isArray) { fail.failed = true; return null; }
  const out = new Array<i64>();
  for (let i = 0; i < v.items.length; i++) {
    const n = v.items[i];
    if (!n.isNumber || !integerIn(n.num, 0, 65535)) { fail.failed = true; return null; }
    out.push(<i64>n.num);
  }
  return out.length == 0 ? null : out;
}

function decodeSource(json: JsonValue, needs: RuleNeeds, fail: Failure): Source {
  const s = new Source();
  if (!onlyKeysOrNot(json, SOURCE_KEYS)) { fail.failed = true; return s; }
  s.principals = principals(json, "principals", fail);
  s.notPrincipals = principals(json, notKey("principals"), fail);
  s.namespaces = patterns(json, "namespaces", fail);
  s.notNamespaces = patterns(json, notKey("namespaces"), fail);
  s.ipBlocks = cidrList(json, "ipBlocks", fail);
  s.notIpBlocks = cidrList(json, notKey("ipBlocks"), fail);
  s.requestPrincipals = patterns(json, "requestPrincipals", fail);
  s.notRequestPrincipals = patterns(json, notKey("requestPrincipals"), fail);
  if (s.principals !== null || s.notPrincipals !== null || s.namespaces !== null || s.notNamespaces !== null) needs.peer = true;
  if (s.ipBlocks !== null || s.notIpBlocks !== null) needs.sourceIp = true;
  return s;
}

function decodeOperation(json: JsonValue, needs: RuleNeeds, fail: Failure): Operation {
  const o = new Operation();
  if (!onlyKeysOrNot(json, OPERATION_KEYS)) { fail.failed = true; return o; }
  o.methods = patterns(json, "methods", fail);
  o.notMethods = patterns(json, notKey("methods"), fail);
  o.paths = pathList(json, "paths", fail);
  o.notPaths = pathList(json, notKey("paths"), fail);
  o.hosts = patterns(json, "hosts", fail, true);
  o.notHosts = patterns(json, notKey("hosts"), fail, true);
  o.ports = portList(json, "ports", fail);
  o.notPorts = portList(json, notKey("ports"), fail);
  if (o.ports !== null || o.notPorts !== null) needs.destinationPort = true;
  return o;
}
