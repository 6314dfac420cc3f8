// How the auth-policy filter would judge a sample request, rule by rule: DENY rules first, then
// ALLOW; with no ALLOW rule a request no DENY rule matched passes; AUDIT only records.
import type { AuthPolicyConfig, Condition, Operation, Rule, Source } from "../../plan/filters/auth-policy.ts";
import { headerValues, type SampleRequest } from "./request-spec.ts";

export interface AuthContext {
  /** SPIFFE id of the mTLS peer, when the connection has one. */
  peer?: string;
  sourceIp?: string;
  destinationIp?: string;
  destinationPort?: number;
  /** Claims of the request's JWT as decoded by explain (not verified). */
  jwt?: Record<string, unknown>;
}

export interface AuthVerdict {
  id: string;
  action: Rule["action"];
  matched: boolean;
  why: string;
}

export interface AuthDecision {
  decision: "allow" | "deny" | "unauthenticated";
  rule?: string;
  reason: string;
  rules: AuthVerdict[];
}

/** Istio patterns: exact, `prefix*`, `*suffix`, `*`; paths also `{*}` (a segment) and `{**}`. */
export function patternMatches(pattern: string, value: string, isPath = false): boolean {
  if (pattern === "*") return true;
  if (isPath && /\{\*\*?\}/.test(pattern)) {
    const re = pattern.split(/(\{\*\*\}|\{\*\})/).map((part) =>
      part === "{**}" ? ".*" : part === "{*}" ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("");
    return new RegExp(`^${re}$`).test(value);
  }
  if (pattern.endsWith("*")) return value.startsWith(pattern.slice(0, -1));
  if (pattern.startsWith("*")) return value.endsWith(pattern.slice(1));
  return value === pattern;
}

function ipInBlock(ip: string, block: string): boolean {
  const [base, bits] = block.split("/");
  const toInt = (a: string) => a.split(".").reduce((n, o) => n * 256 + Number(o), 0);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !/^\d+\.\d+\.\d+\.\d+$/.test(base)) return ip === base;
  const n = bits === undefined ? 32 : Number(bits);
  const mask = n === 0 ? 0 : 2 ** 32 - 2 ** (32 - n);
  return (toInt(ip) & mask) >>> 0 === (toInt(base) & mask) >>> 0;
}

type Check = [string, boolean];

function list(name: string, value: string | undefined, pos: string[] | undefined, neg: string[] | undefined, match: (p: string, v: string) => boolean): Check[] {
  const out: Check[] = [];
  const shown = value === undefined ? `${name} (unknown)` : `${name} ${JSON.stringify(value)}`;
  if (pos?.length) out.push([`${shown} ${value !== undefined && pos.some((p) => match(p, value)) ? "in" : "not in"} ${JSON.stringify(pos)}`, value !== undefined && pos.some((p) => match(p, value))]);
  if (neg?.length) out.push([`${shown} ${value !== undefined && neg.some((p) => match(p, value)) ? "in" : "not in"} excluded ${JSON.stringify(neg)}`, value === undefined || !neg.some((p) => match(p, value))]);
  return out;
}

function sourceChecks(s: Source, c: AuthContext): Check[] {
  const ns = c.peer ? /\/ns\/([^/]+)\//.exec(c.peer)?.[1] : undefined;
  const reqPrincipal = c.jwt ? `${c.jwt.iss}/${c.jwt.sub}` : undefined;
  return [
    ...list("peer", c.peer, s.principals, s.notPrincipals, patternMatches),
    ...list("peer namespace", ns, s.namespaces, s.notNamespaces, patternMatches),
    ...list("source ip", c.sourceIp, s.ipBlocks, s.notIpBlocks, (b, v) => ipInBlock(v, b)),
    ...list("request principal", reqPrincipal, s.requestPrincipals, s.notRequestPrincipals, patternMatches),
  ];
}

function operationChecks(o: Operation, r: SampleRequest, c: AuthContext): Check[] {
  const port = c.destinationPort === undefined ? undefined : String(c.destinationPort);
  return [
    ...list("method", r.method, o.methods, o.notMethods, patternMatches),
    ...list("path", r.path, o.paths, o.notPaths, (p, v) => patternMatches(p, v, true)),
    ...list("host", r.authority, o.hosts?.map((h) => h.toLowerCase()), o.notHosts?.map((h) => h.toLowerCase()), patternMatches),
    ...list("port", port, o.ports?.map(String), o.notPorts?.map(String), (p, v) => p === v),
  ];
}

function attribute(key: string, r: SampleRequest, c: AuthContext): string[] | undefined {
  const header = /^request\.headers\[(.+)\]$/.exec(key);
  if (header) return headerValues(r, header[1].toLowerCase());
  const claim = /^request\.auth\.claims((\[[^\]]+\])+)$/.exec(key);
  if (claim) {
    let v: unknown = c.jwt;
    for (const part of claim[1].slice(1, -1).split("][")) v = (v as Record<string, unknown> | undefined)?.[part];
    return v === undefined ? undefined : Array.isArray(v) ? v.map(String) : [String(v)];
  }
  const simple: Record<string, string | string[] | undefined> = {
    "request.auth.principal": c.jwt ? `${c.jwt.iss}/${c.jwt.sub}` : undefined,
    "request.auth.audiences": c.jwt?.aud as string | string[] | undefined,
    "request.auth.presenter": c.jwt?.azp as string | undefined,
    "source.ip": c.sourceIp, "source.principal": c.peer,
    "source.namespace": c.peer ? /\/ns\/([^/]+)\//.exec(c.peer)?.[1] : undefined,
    "destination.ip": c.destinationIp, "destination.port": c.destinationPort?.toString(),
  };
  const v = simple[key];
  return v === undefined ? undefined : Array.isArray(v) ? v : [v];
}

function conditionCheck(w: Condition, r: SampleRequest, c: AuthContext): Check {
  const values = attribute(w.key, r, c);
  if (!values || values.length === 0) return [`${w.key} is absent`, false];
  const pos = !w.values?.length || values.some((v) => w.values!.some((p) => patternMatches(p, v)));
  const neg = !w.notValues?.length || !values.some((v) => w.notValues!.some((p) => patternMatches(p, v)));
  return [`${w.key}=${JSON.stringify(values.join(","))} ${pos && neg ? "satisfies" : "fails"} ${JSON.stringify({ values: w.values, notValues: w.notValues })}`, pos && neg];
}

function judge(rule: Rule, r: SampleRequest, c: AuthContext): AuthVerdict {
  const parts: Check[][] = [];
  if (rule.from?.length) parts.push(best(rule.from.map((s) => sourceChecks(s, c))));
  if (rule.to?.length) parts.push(best(rule.to.map((o) => operationChecks(o, r, c))));
  for (const w of rule.when ?? []) parts.push([conditionCheck(w, r, c)]);
  const checks = parts.flat();
  const matched = checks.every(([, ok]) => ok);
  const why = checks.length === 0 ? "no conditions: matches every request"
    : matched ? checks.map(([w]) => w).join("; ") : checks.find(([, ok]) => !ok)![0];
  return { id: rule.id, action: rule.action, matched, why };
}

/** Of several alternatives (any may hold), the one that holds, else the first. */
function best(alternatives: Check[][]): Check[] {
  return alternatives.find((a) => a.every(([, ok]) => ok)) ?? alternatives[0];
}

export function evaluateAuth(config: AuthPolicyConfig, r: SampleRequest, c: AuthContext): AuthDecision {
  const order = [...config.rules.filter((x) => x.action === "DENY"), ...config.rules.filter((x) => x.action === "AUDIT"),
    ...config.rules.filter((x) => x.action === "ALLOW")];
  const rules = order.map((rule) => judge(rule, r, c));
  const deny = rules.find((v) => v.action === "DENY" && v.matched);
  if (deny) return { decision: "deny", rule: deny.id, reason: `DENY rule ${deny.id} matched (403)`, rules };
  const allows = rules.filter((v) => v.action === "ALLOW");
  if (allows.length === 0) return { decision: "allow", reason: "no DENY rule matched and there is no ALLOW rule", rules };
  const allow = allows.find((v) => v.matched);
  if (allow) return { decision: "allow", rule: allow.id, reason: `ALLOW rule ${allow.id} matched`, rules };
  return { decision: "deny", reason: "ALLOW rules exist and none matched (403)", rules };
}
