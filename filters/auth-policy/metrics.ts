// Counters through proxy_define_metric. Envoy shows them in /stats under these names and in
// /stats/prometheus with `.` and `-` turned into `_` (no `envoy_` prefix), e.g.
// `auth_policy_denied` and `auth_policy_rule_meshauth_shop_reviews_policy_r0`. A request adds to
// slots in guest memory; the root sends them on its tick (metricsFlushMs), since in Envoy every
// host call costs microseconds. Counts stay exact, at most one flush interval late.
import { MetricType } from "../common/abi/host";
import { CounterBatch } from "../common/metrics/counter-batch";
import { AuthPolicyConfig } from "./config";
import { Rule } from "./rules/model";
import { replaceChar } from "./text";

const PREFIX = "auth_policy.";

export class Metrics {
  batch: CounterBatch = new CounterBatch(false);
  allowed: u32 = 0;
  denied: u32 = 0;
  audited: u32 = 0;
  unauthenticated: u32 = 0;
  badRequest: u32 = 0;

  define(config: AuthPolicyConfig): void {
    const b = this.batch = new CounterBatch(config.metricsFlushMs > 0);
    this.allowed = b.define(MetricType.Counter, PREFIX + "allowed");
    this.denied = b.define(MetricType.Counter, PREFIX + "denied");
    this.audited = b.define(MetricType.Counter, PREFIX + "audited");
    this.unauthenticated = b.define(MetricType.Counter, PREFIX + "unauthenticated");
    this.badRequest = b.define(MetricType.Counter, PREFIX + "bad_request");
    this.defineRules(config.denyRules);
    this.defineRules(config.allowRules);
    this.defineRules(config.auditRules);
  }

  private defineRules(rules: Rule[]): void {
    // Per rule: requests that rule decided (AUDIT: matched).
    for (let i = 0; i < rules.length; i++) {
      rules[i].metric = this.batch.define(MetricType.Counter, PREFIX + "rule." + replaceChar(rules[i].id, "/", "."));
    }
  }

  count(slot: u32): void {
    this.batch.add(slot, 1);
  }

  countRule(rule: Rule | null): void {
    if (rule !== null) this.batch.add(rule.metric, 1);
  }

  flush(): void {
    this.batch.flush();
  }
}
