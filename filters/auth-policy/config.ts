// auth-policy configuration (generator/plan/filters/auth-policy.ts): JSON decoded once in
// on_configure. Pure: bytes in, config or null out; no host calls. Anything unknown or
// malformed is null, and the filter then refuses the configuration.
import { parseJson } from "../common/json/parse";
import { JsonValue } from "../common/json/value";
import { stringField, boolField, intField, ABSENT, INVALID } from "./json-fields";
import { Action, Rule, RuleNeeds } from "./rules/model";
import { decodeRule } from "./rules/decode";
import { Provider, decodeProvider } from "./jwt/provider";

export class AuthPolicyConfig {
  workload: string = "";
  denyRules: Rule[] = [];
  allowRules: Rule[] = [];
  auditRules: Rule[] = [];
  providers: Provider[] = [];
  hideRuleNames: bool = false;
  allowUnsafePaths: bool = false;
  /** How often counters summed in guest memory go to Envoy (0: at once). */
  metricsFlushMs: u32 = 1000;
  needs: RuleNeeds = new RuleNeeds();
  /** Every header a provider writes claims to: stripped from every incoming request. */
  claimHeaderNames: ArrayBuffer[] = [];
  /** One null per claim header: the values when no token was verified. */
  noClaimValues: Array<ArrayBuffer | null> = [];
}

const KEYS = ["workload", "rules", "jwtProviders", "hideRuleNames", "unsafePathEncoding", "metricsFlushMs"];
const MAX_RULES = 1024;

export function decodeConfig(bytes: ArrayBuffer): AuthPolicyConfig | null {
  const doc = parseJson(bytes);
  if (doc === null || !doc.isObject || !doc.onlyKeys(KEYS)) return null;
  const c = new AuthPolicyConfig();
  const workload = stringField(doc, "workload", null);
  if (workload === null) return null;
  c.workload = workload;
  const hide = boolField(doc, "hideRuleNames", false);
  if (hide < 0) return null;
  c.hideRuleNames = hide == 1;
  const unsafe = stringField(doc, "unsafePathEncoding", "reject");
  if (unsafe != "reject" && unsafe != "allow") return null;
  c.allowUnsafePaths = unsafe == "allow";
  const flush = intField(doc, "metricsFlushMs", 0, 3_600_000);
  if (flush == INVALID) return null;
  if (flush != ABSENT) c.metricsFlushMs = <u32>flush;
  return decodeRules(doc.get("rules"), c) && decodeProviders(doc.get("jwtProviders"), c) ? c : null;
}

function decodeRules(v: JsonValue | null, c: AuthPolicyConfig): bool {
  if (v === null || !v.isArray || v.items.length > MAX_RULES) return false;
  // A list, not a Set: at most MAX_RULES ids, compared once at configuration, and the Set's
  // string hashing would add about a kilobyte to the module.
  const ids = new Array<string>();
  for (let i = 0; i < v.items.length; i++) {
    const rule = decodeRule(v.items[i], c.needs);
    if (rule === null || ids.includes(rule.id)) return false;
    ids.push(rule.id);
    if (rule.action == Action.Deny) c.denyRules.push(rule);
    else if (rule.action == Action.Allow) c.allowRules.push(rule);
    else c.auditRules.push(rule);
  }
  return true;
}

function decodeProviders(v: JsonValue | null, c: AuthPolicyConfig): bool {
  if (v === null) return true;
  if (!v.isArray || v.items.length > 32) return false;
  const names = new Array<string>();
  for (let i = 0; i < v.items.length; i++) {
    const p = decodeProvider(v.items[i]);
    if (p === null || names.includes(p.name)) return false;
    names.push(p.name);
    c.providers.push(p);
    for (let j = 0; j < p.claimHeaders.length; j++) {
      c.claimHeaderNames.push(p.claimHeaders[j].header);
      c.noClaimValues.push(null);
    }
  }
  return true;
}
