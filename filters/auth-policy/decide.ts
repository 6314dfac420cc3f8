// Rule evaluation order (Istio): DENY rules first; then, when there is any ALLOW rule, only a
// request one of them matches passes; AUDIT rules only mark the request. Pure (the Verdict object is reused).
import { item } from "./rules/item";
import { Rule } from "./rules/model";
import { ruleMatches } from "./rules/evaluate";
import { passesGate } from "./rules/path-gate";
import { RequestFacts } from "./rules/facts";
import { AuthPolicyConfig } from "./config";
import { encodeUtf8 } from "../common/encoding/utf8";

export class Verdict {
  allowed: bool = true;
  /** The DENY or ALLOW rule that decided; null for "no ALLOW rule matched" or no rules at all. */
  rule: Rule | null = null;
  /** The first AUDIT rule that matched, if any. */
  audit: Rule | null = null;
}

// Reused: a verdict is read before the next request is decided.
const verdict = new Verdict();

/** The rule's path gate first: most rules fail it on the first bytes. */
function matches(rule: Rule, f: RequestFacts): bool {
  return passesGate(rule.pathGate, f.pathPtr, f.pathLen) && ruleMatches(rule, f);
}

export function decide(c: AuthPolicyConfig, f: RequestFacts): Verdict {
  const v = verdict;
  v.allowed = true; v.rule = null; v.audit = null;
  for (let i = 0; i < c.auditRules.length; i++) {
    if (matches(item(c.auditRules, i), f)) { v.audit = item(c.auditRules, i); break; }
  }
  for (let i = 0; i < c.denyRules.length; i++) {
    if (matches(item(c.denyRules, i), f)) {
      v.allowed = false;
      v.rule = item(c.denyRules, i);
      return v;
    }
  }
  if (c.allowRules.length == 0) return v;
  for (let i = 0; i < c.allowRules.length; i++) {
    if (matches(item(c.allowRules, i), f)) {
      v.rule = item(c.allowRules, i);
      return v;
    }
  }
  v.allowed = false;
  return v;
}

const ALLOW = encodeUtf8("allow");
export const DENY = encodeUtf8("deny");

/** The access-log record, `<decision>[ <rule id>]` (prebuilt bytes, nothing allocated). */
export function decisionRecord(v: Verdict): ArrayBuffer {
  const audit = v.audit;
  if (audit !== null) return v.allowed ? audit.auditAllowRecord : audit.auditDenyRecord;
  const rule = v.rule;
  if (rule === null) return v.allowed ? ALLOW : DENY;
  return v.allowed ? rule.allowRecord : rule.denyRecord;
}

export function decisionText(v: Verdict): string {
  return String.UTF8.decode(decisionRecord(v));
}
