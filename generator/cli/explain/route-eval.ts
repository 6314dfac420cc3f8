// Which virtual host and route rule of a route-match configuration a sample request selects,
// with the reason each earlier rule was passed over.
import type { RequestMatch, RouteMatchConfig, RouteRule, VirtualHost } from "../../plan/filters/route-match.ts";
import { describeMatch, pathMatches, stringMatches } from "./string-match.ts";
import { headerValues, type SampleRequest } from "./request-spec.ts";
import { normalizePath } from "./path-normalize.ts";

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
  /** The path rules were judged on: the request's, normalized as the sidecar does. */
  path?: string;
  /** Why the sidecar answers 400 instead of routing (escaped slash, invalid or ambiguous path). */
  rejected?: string;
}

/** route-match's domain selection: exact, then the longest `*.suffix`, then `*`. The port is part
 * of the authority: `web:8080` needs a `web:8080` domain (Envoy without strip_*_host_port). */
function selectHost(config: RouteMatchConfig, authority: string | undefined, port?: number): { vh?: VirtualHost; reason: string } {
  if (!authority) return { reason: "the request names no authority (give an http:// URL or -H host:...)" };
  const name = port !== undefined ? `${authority}:${port}` : authority;
  const exact = config.virtualHosts.find((v) => v.domains.includes(name));
  if (exact) return { vh: exact, reason: `domain ${JSON.stringify(name)} listed exactly` };
  let best: { vh: VirtualHost; d: string } | undefined;
  for (const vh of config.virtualHosts) {
    for (const d of vh.domains) {
      const fits = d.startsWith("*.") && name.length > d.length - 1 && name.endsWith(d.slice(1));
      if (fits && (!best || d.length > best.d.length)) best = { vh, d };
    }
  }
  if (best) return { vh: best.vh, reason: `wildcard domain ${JSON.stringify(best.d)}` };
  const any = config.virtualHosts.find((v) => v.domains.includes("*"));
  if (any) return { vh: any, reason: `catch-all domain "*"` };
  return { reason: `no virtual host has a domain for ${JSON.stringify(name)} (virtual hosts: ${config.virtualHosts.map((v) => v.name).join(", ")})` };
}

/** Conditions of one alternative: [holds, explanation] each. */
function conditions(m: RequestMatch, r: SampleRequest): [boolean, string][] {
  const out: [boolean, string][] = [];
  if (m.path) out.push([pathMatches(m.path, r.path), `path ${JSON.stringify(r.path)} ${pathMatches(m.path, r.path) ? "matches" : "does not match"} ${describeMatch(m.path)}`]);
  if (m.method) out.push([r.method === m.method, `method ${r.method} ${r.method === m.method ? "is" : "is not"} ${m.method}`]);
  for (const h of m.headers ?? []) {
    // Like route-match (and Envoy 1.40): any one value of a repeated header, each judged alone.
    const values = headerValues(r, h.name);
    let ok = h.absent ? values.length === 0 : values.length > 0 && (!h.match || values.some((v) => stringMatches(h.match!, v)));
    if (h.invert) ok = !ok;
    const cond = h.absent ? "absent" : h.match ? describeMatch(h.match) : "present";
    const shown = values.map((v) => JSON.stringify(v)).join(" and ");
    out.push([ok, `header ${h.name}${values.length ? `=${shown}` : " (absent)"} ${ok ? "satisfies" : "fails"} ${h.invert ? "not " : ""}${cond}`]);
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

const REJECTED = {
  "escaped-slash": "the path holds an escaped slash (%2F or %5C): the sidecar answers 400",
  invalid: "the path is not one Envoy accepts (no leading /, a fragment, NUL, a raw space or control byte): the sidecar answers 400",
  ambiguous: "the path keeps a dot segment with parameters (/..;/): route-match answers 400",
};

/** Envoy rejects escaped slashes and invalid paths before any filter; route-match rejects an
 * ambiguous path after choosing the virtual host. Rules see the normalized path. */
export function evaluateRoutes(config: RouteMatchConfig, request: SampleRequest): RouteDecision {
  const normalized = normalizePath(request.path);
  if (normalized.verdict === "escaped-slash" || normalized.verdict === "invalid") {
    return { hostReason: "the path was rejected first", rules: [], rejected: REJECTED[normalized.verdict] };
  }
  const { vh, reason } = selectHost(config, request.authority, request.port);
  if (!vh) return { hostReason: reason, rules: [] };
  if (normalized.verdict === "ambiguous") return { virtualHost: vh.name, hostReason: reason, rules: [], rejected: REJECTED.ambiguous };
  const r = { ...request, path: normalized.path };
  const rules: RuleVerdict[] = [];
  for (const rule of vh.routes) {
    const v = judge(rule, r);
    rules.push(v);
    if (v.matched) return { virtualHost: vh.name, hostReason: reason, rules, chosen: rule, path: r.path };
  }
  return { virtualHost: vh.name, hostReason: reason, rules, path: r.path };
}
