// Counter and gauge deltas summed in guest memory and sent to Envoy on the tick: in Envoy every
// host call costs microseconds, so a request adds to a slot here instead of calling
// proxy_increment_metric. flush() sends one call per metric whose delta is not zero; Envoy adds a
// gauge's delta as it does a counter's, so gauges batch the same way. Counts stay exact: they
// reach Envoy at the next flush (or at once when batching is off).
import { defineMetric } from "../abi/host";
import { proxy_increment_metric } from "../abi/imports";

export class CounterBatch {
  /** Envoy's metric id per slot (0: the definition failed, nothing is sent). */
  private ids: u32[] = [];
  /** Delta not yet sent per slot. */
  private pending: i64[] = [];

  /** `batched` false: every add goes to Envoy at once (metrics flush interval 0). */
  constructor(readonly batched: bool) {}

  /** Defines a counter or gauge and returns its slot (only when a metric is first seen). */
  define(type: u32, name: string): u32 {
    this.ids.push(defineMetric(type, name));
    this.pending.push(0);
    return <u32>(this.ids.length - 1);
  }

  add(slot: u32, delta: i64): void {
    if (!this.batched) {
      const id = unchecked(this.ids[slot]);
      if (id != 0 && delta != 0) proxy_increment_metric(id, delta);
      return;
    }
    const pending = this.pending;
    unchecked(pending[slot] = unchecked(pending[slot]) + delta);
  }

  /** Sends every non-zero delta, one host call per metric. */
  flush(): void {
    const pending = this.pending, ids = this.ids;
    for (let i = 0, n = pending.length; i < n; i++) {
      const delta = unchecked(pending[i]);
      if (delta == 0) continue;
      unchecked(pending[i] = 0);
      const id = unchecked(ids[i]);
      if (id != 0) proxy_increment_metric(id, delta);
    }
  }
}
