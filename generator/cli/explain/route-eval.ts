// Which virtual host and route rule of a route-match configuration a sample request selects,
// with the reason each earlier rule was passed over.
import type { RequestMatch, RouteMatchConfig, RouteRule, VirtualHost } from "../../plan/filters/route-match.ts";
import { describeMatch, pathMatches, stringMatches } from "./string-match.ts";
import { headerValues, type SampleRequest } from "./request-spec.ts";

export interface RuleVerdict {
  id: string;
  matched: boolean;
  /** Why it matched (the conditions of the alternative that held) or why not (first failure per alternative). */
  why: string[];
}

export interface RouteDecision {
  virtualHost?: string;
  /** How the virtual host was chosen, or why none was. */
  hostReason: string;
  rules: RuleVerdict[];
  chosen?: RouteRule;
}

/** Envoy's domain selection: exact, then the longest `*.suffix` (and `prefix.*`), then `*`. */
function selectHost(config: RouteMatchConfig, authority: string | undefined, port?: number): { vh?: VirtualHost; reason: string } {
  if (!authority) return { reason: "the request names no authority (give an http:// URL or -H host:...)" };
  const names = port ? [`${authority}:${port}`, authority] : [authority];
  for (const name of names) {
    const vh = config.virtualHosts.find((v) => v.domains.includes(name));
    if (vh) return { vh, reason: `domain ${JSON.stringify(name)} listed exactly` };
  }
  let best: { vh: VirtualHost; d: string } | undefined;
  for (const vh of config.virtualHosts) {
    for (const d of vh.domains) {
      const fits = d.startsWith("*.") && d !== "*" ? names.some((n) => n.endsWith(d.slice(1)))
        : d.endsWith(".*") ? names.some((n) => n.startsWith(d.slice(0, -1))) : false;
      if (fits && (!best || d.length > best.d.length)) best = { vh, d };
    }
  }
  if (best) return { vh: best.vh, reason: `wildcard domain ${JSON.stringify(best.d)}` };
  const any = config.virtualHosts.find((v) => v.domains.includes("*"));
  if (any) return { vh: any, reason: `catch-all domain "*"` };
  return { reason: `no virtual host has a domain for ${JSON.stringify(authority)} (virtual hosts: ${config.virtualHosts.map((v) => v.name).join(", ")})` };
}

/** Conditions of one alternative: [holds, explanation] each. */
function conditions(m: RequestMatch, r: SampleRequest): [boolean, string][] {
  const out: [boolean, string][] = [];
  if (m.path) out.push([pathMatches(m.path, r.path), `path ${JSON.stringify(r.path)} ${pathMatches(m.path, r.path) ? "matches" : "does not match"} ${describeMatch(m.path)}`]);
  if (m.method) out.push([r.method === m.method, `method ${r.method} ${r.method === m.method ? "is" : "is not"} ${m.method}`]);
  for (const h of m.headers ?? []) {
    const values = headerValues(r, h.name);
    const joined = values.join(",");
    let ok = h.absent ? values.length === 0 : values.length > 0 && (!h.match || stringMatches(h.match, joined));
    if (h.invert) ok = !ok;
    const cond = h.absent ? "absent" : h.match ? describeMatch(h.match) : "present";
    out.push([ok, `header ${h.name}${values.length ? `=${JSON.stringify(joined)}` : " (absent)"} ${ok ? "satisfies" : "fails"} ${h.invert ? "not " : ""}${cond}`]);
  }
  for (const q of m.queryParams ?? []) {
    const v = r.query.find(([n]) => n === q.name)?.[1];
    const ok = v !== undefined && (!q.match || stringMatches(q.match, v));
    out.push([ok, `query ${q.name}${v === undefined ? " (absent)" : `=${JSON.stringify(v)}`} ${ok ? "satisfies" : "fails"} ${q.match ? describeMatch(q.match) : "present"}`]);
  }
  return out;
}

function judge(rule: RouteRule, r: SampleRequest): RuleVerdict {
  if (rule.matches.length === 0) return { id: rule.id, matched: true, why: ["no conditions: matches every request"] };
  const failures: string[] = [];
  for (const [i, m] of rule.matches.entries()) {
    const cs = conditions(m, r);
    if (cs.every(([ok]) => ok)) {
      return { id: rule.id, matched: true, why: [`match[${i}]: ${cs.length ? cs.map(([, w]) => w).join("; ") : "empty match (every request)"}`] };
    }
    failures.push(`match[${i}]: ${cs.find(([ok]) => !ok)![1]}`);
  }
  return { id: rule.id, matched: false, why: failures };
}

export function evaluateRoutes(config: RouteMatchConfig, r: SampleRequest): RouteDecision {
  const { vh, reason } = selectHost(config, r.authority, r.port);
  if (!vh) return { hostReason: reason, rules: [] };
  const rules: RuleVerdict[] = [];
  for (const rule of vh.routes) {
    const v = judge(rule, r);
    rules.push(v);
    if (v.matched) return { virtualHost: vh.name, hostReason: reason, rules, chosen: rule };
  }
  return { virtualHost: vh.name, hostReason: reason, rules };
}
