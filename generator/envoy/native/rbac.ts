// auth-policy's rules as envoy.filters.http.rbac, the way Istio translates AuthorizationPolicy:
// one DENY filter, then one ALLOW filter when there is any ALLOW rule. A policy matches when any
// permission and any principal match; each rule is one policy whose single permission is its
// operations (any of) AND its request conditions, and whose single principal is its sources
// (any of) AND its identity conditions. AUDIT rules enforce nothing and are left out.
import type { Condition, Operation, Rule, Source } from "../../plan/filters/auth-policy.ts";
import type { EnvoyObject } from "../types.ts";
import { JWT_FILTER, JWT_PAYLOAD_KEY } from "./jwt-authn.ts";
import { unsupported } from "./unsupported.ts";

type Matcher = EnvoyObject;

/** Istio's patterns: exact, `prefix*`, `*suffix`, `*` (undefined: anything). */
function pattern(p: string, ignoreCase = false): Matcher | undefined {
  const ic: EnvoyObject = ignoreCase ? { ignore_case: true } : {};
  if (p === "*") return undefined;
  if (p.includes("{")) unsupported(`the path template ${JSON.stringify(p)}`);
  if (p.endsWith("*")) return { prefix: p.slice(0, -1), ...ic };
  if (p.startsWith("*")) return { suffix: p.slice(1), ...ic };
  return { exact: p, ...ic };
}

const orRules = (rules: Matcher[]): Matcher => (rules.length === 1 ? rules[0] : { or_rules: { rules } });
const orIds = (ids: Matcher[]): Matcher => (ids.length === 1 ? ids[0] : { or_ids: { ids } });
const andRules = (rules: Matcher[]): Matcher => (rules.length === 0 ? { any: true } : rules.length === 1 ? rules[0] : { and_rules: { rules } });
const andIds = (ids: Matcher[]): Matcher => (ids.length === 0 ? { any: true } : ids.length === 1 ? ids[0] : { and_ids: { ids } });

function header(name: string, p: string, ignoreCase = false): Matcher {
  const m = pattern(p, ignoreCase);
  return { header: m ? { name, string_match: m } : { name, present_match: true } };
}

/** A positive list and its `not` form, both on one matcher kind. */
function both<T>(yes: T[] | undefined, no: T[] | undefined, one: (v: T) => Matcher, ids = false): Matcher[] {
  const or = ids ? orIds : orRules;
  const out: Matcher[] = [];
  if (yes?.length) out.push(or(yes.map(one)));
  if (no?.length) out.push(ids ? { not_id: or(no.map(one)) } : { not_rule: or(no.map(one)) });
  return out;
}

function urlPath(p: string): Matcher {
  const m = pattern(p);
  return m ? { url_path: { path: m } } : { any: true };
}

function operation(o: Operation): Matcher {
  return andRules([
    ...both(o.methods, o.notMethods, (m) => header(":method", m)),
    ...both(o.paths, o.notPaths, urlPath),
    ...both(o.hosts, o.notHosts, (h) => header(":authority", h, true)),
    ...both(o.ports, o.notPorts, (p) => ({ destination_port: p })),
  ]);
}

const spiffe = (p: string) => (p === "*" || p.startsWith("spiffe://") || p.startsWith("*") ? p : `spiffe://${p}`);

function principal(p: string): Matcher {
  const m = pattern(spiffe(p));
  return { authenticated: m ? { principal_name: m } : {} };
}

function cidr(block: string): Matcher {
  const [address, len] = block.split("/");
  return { direct_remote_ip: { address_prefix: address, prefix_len: Number(len ?? (address.includes(":") ? 128 : 32)) } };
}

function source(s: Source): Matcher {
  if (s.namespaces || s.notNamespaces) unsupported("namespaces in a rule's source");
  if (s.requestPrincipals || s.notRequestPrincipals) unsupported("requestPrincipals (use a request.auth.claims condition)");
  return andIds([...both(s.principals, s.notPrincipals, principal, true), ...both(s.ipBlocks, s.notIpBlocks, cidr, true)]);
}

function claim(path: string[], p: string): Matcher {
  const m = pattern(p) ?? { safe_regex: { regex: ".*" } };
  const metadata = (value: EnvoyObject) =>
    ({ sourced_metadata: { metadata_matcher: { filter: JWT_FILTER, path: [JWT_PAYLOAD_KEY, ...path].map((key) => ({ key })), value } } });
  // A claim may be a string or a list of strings.
  return orIds([metadata({ string_match: m }), metadata({ list_match: { one_of: { string_match: m } } })]);
}

/** Splits a rule's conditions into request-side (permissions) and identity-side (principals). */
function conditions(when: Condition[] | undefined): { rules: Matcher[]; ids: Matcher[] } {
  const rules: Matcher[] = [], ids: Matcher[] = [];
  for (const c of when ?? []) {
    const h = /^request\.headers\[(.+)\]$/.exec(c.key);
    const claims = /^request\.auth\.claims((?:\[[^\]]+\])+)$/.exec(c.key);
    if (h) rules.push(...both(c.values, c.notValues, (v) => header(h[1].toLowerCase(), v)));
    else if (claims) {
      const path = [...claims[1].matchAll(/\[([^\]]+)\]/g)].map((x) => x[1]);
      ids.push(...both(c.values, c.notValues, (v) => claim(path, v), true));
    } else if (c.key === "source.ip") ids.push(...both(c.values, c.notValues, cidr, true));
    else unsupported(`the condition key ${c.key}`);
  }
  return { rules, ids };
}

function policy(r: Rule): EnvoyObject {
  const when = conditions(r.when);
  const to = r.to?.length ? [orRules(r.to.map(operation))] : [];
  const from = r.from?.length ? [orIds(r.from.map(source))] : [];
  return { permissions: [andRules([...to, ...when.rules])], principals: [andIds([...from, ...when.ids])] };
}

function rbacFilter(name: string, action: "ALLOW" | "DENY", rules: Rule[]): EnvoyObject {
  const policies: EnvoyObject = {};
  for (const r of rules) policies[r.id] = policy(r);
  return {
    name,
    typed_config: { "@type": "type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC", rules: { action, policies } },
  };
}

/** The DENY filter (when any DENY rule) then the ALLOW filter (when any ALLOW rule). */
export function rbacFilters(rules: Rule[]): EnvoyObject[] {
  const deny = rules.filter((r) => r.action === "DENY"), allow = rules.filter((r) => r.action === "ALLOW");
  return [
    ...(deny.length ? [rbacFilter("envoy.filters.http.rbac.deny", "DENY", deny)] : []),
    ...(allow.length ? [rbacFilter("envoy.filters.http.rbac.allow", "ALLOW", allow)] : []),
  ];
}
