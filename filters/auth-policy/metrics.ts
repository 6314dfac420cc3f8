// Counters through proxy_define_metric. Envoy shows them in /stats under these names and in
// /stats/prometheus with `.` and `-` turned into `_` (no `envoy_` prefix), e.g.
// `auth_policy_denied` and `auth_policy_rule_meshauth_shop_reviews_policy_r0`.
import { defineMetric, incrementCounter, MetricType } from "../common/abi/host";
import { AuthPolicyConfig } from "./config";
import { Rule } from "./rules/model";

export class Metrics {
  allowed: u32 = 0;
  denied: u32 = 0;
  audited: u32 = 0;
  unauthenticated: u32 = 0;
  badRequest: u32 = 0;

  define(config: AuthPolicyConfig): void {
    this.allowed = defineMetric(MetricType.Counter, "auth_policy.allowed");
    this.denied = defineMetric(MetricType.Counter, "auth_policy.denied");
    this.audited = defineMetric(MetricType.Counter, "auth_policy.audited");
    this.unauthenticated = defineMetric(MetricType.Counter, "auth_policy.unauthenticated");
    this.badRequest = defineMetric(MetricType.Counter, "auth_policy.bad_request");
    this.defineRules(config.denyRules);
    this.defineRules(config.allowRules);
    this.defineRules(config.auditRules);
  }

  private defineRules(rules: Rule[]): void {
    // Per rule: requests that rule decided (AUDIT: matched).
    for (let i = 0; i < rules.length; i++) {
      rules[i].metric = defineMetric(MetricType.Counter, "auth_policy.rule." + rules[i].id.replaceAll("/", "."));
    }
  }

  count(id: u32): void {
    incrementCounter(id, 1);
  }

  countRule(rule: Rule | null): void {
    if (rule !== null) incrementCounter(rule.metric, 1);
  }
}
