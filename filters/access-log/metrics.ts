// The filter's metrics (proxy_define_metric). Envoy's /stats/prometheus shows a wasm metric
// under its own name with '.' and other invalid characters turned into '_' and no envoy_ prefix:
//   <prefix>_requests_<route>_<class>    counter per route id (xds.route_name, "none" without
//                                        one, "other" past 512 routes) and class (1xx…5xx, 0xx)
//   <prefix>_duration_ms                 histogram of request durations
//   <prefix>_auth_<decision>             counter per auth-policy decision: allow, deny,
//                                        unauthenticated, audit_deny, audit_allow, none, other
//   <prefix>_records_logged / _records_sampled_out / _records_filtered_out
//   <prefix>_stdout_written / _stdout_failed
//   <prefix>_collector_sent / _failed / _dropped, gauge <prefix>_collector_pending
// Counters and the gauge are summed in guest memory and reach Envoy on the root tick, every
// metricsFlushMs (default 1000; 0: at once), so they lag by at most that; the histogram is
// recorded per request (Envoy needs each value).
import { defineMetric, recordHistogram, MetricType } from "../common/abi/host";
import { text, utf8, bytesEqualAt } from "../common/bytes";
import { CounterBatch } from "../common/metrics/counter-batch";
import { RouteTable } from "./route-table";

const AUTH_DECISIONS = ["allow", "deny", "unauthenticated", "audit-deny", "audit-allow"];

/** The filter's metrics. Counter and gauge fields are CounterBatch slots; `duration` is an Envoy id. */
export class Metrics {
  logged: u32; sampledOut: u32; filteredOut: u32; stdoutWritten: u32; stdoutFailed: u32;
  collectorSent: u32; collectorFailed: u32; collectorDropped: u32; collectorPending: u32;
  duration: u32;
  private counters: CounterBatch;
  private routes: RouteTable = new RouteTable();
  private authWords: ArrayBuffer[] = [];
  private authSlots: u32[] = [];
  private authNone: u32 = 0;
  private authOther: u32 = 0;
  /** Route "other" per status class (-1 until first seen). */
  private otherRoutes: StaticArray<i32> = new StaticArray<i32>(6);

  /** `batched`: counters wait for flush() (metricsFlushMs > 0). */
  constructor(readonly prefix: string, batched: bool) {
    const c = new CounterBatch(batched);
    this.counters = c;
    this.logged = c.define(MetricType.Counter, prefix + ".records_logged");
    this.sampledOut = c.define(MetricType.Counter, prefix + ".records_sampled_out");
    this.filteredOut = c.define(MetricType.Counter, prefix + ".records_filtered_out");
    this.stdoutWritten = c.define(MetricType.Counter, prefix + ".stdout_written");
    this.stdoutFailed = c.define(MetricType.Counter, prefix + ".stdout_failed");
    this.collectorSent = c.define(MetricType.Counter, prefix + ".collector_sent");
    this.collectorFailed = c.define(MetricType.Counter, prefix + ".collector_failed");
    this.collectorDropped = c.define(MetricType.Counter, prefix + ".collector_dropped");
    this.collectorPending = c.define(MetricType.Gauge, prefix + ".collector_pending");
    this.duration = defineMetric(MetricType.Histogram, prefix + ".duration_ms");
    for (let i = 0; i < AUTH_DECISIONS.length; i++) {
      this.authWords.push(utf8(AUTH_DECISIONS[i]));
      this.authSlots.push(c.define(MetricType.Counter, prefix + ".auth." + AUTH_DECISIONS[i].replaceAll("-", "_")));
    }
    this.authNone = c.define(MetricType.Counter, prefix + ".auth.none");
    this.authOther = c.define(MetricType.Counter, prefix + ".auth.other");
    for (let i = 0; i < 6; i++) this.otherRoutes[i] = -1;
  }

  count(slot: u32, n: i64 = 1): void {
    if (n > 0) this.counters.add(slot, n);
  }

  /** Gauges take signed deltas (Envoy accumulates them across worker VMs). */
  adjustPending(delta: i64): void {
    this.counters.add(this.collectorPending, delta);
  }

  /** Sends the counts summed since the last flush to Envoy. */
  flush(): void {
    this.counters.flush();
  }

  /** One request: its route id and auth decision as bytes at [ptr, ptr+len) (len 0: none). */
  request(routePtr: usize, routeLen: i32, code: i64, durationNanos: i64, authPtr: usize, authLen: i32): void {
    this.counters.add(this.routeSlot(routePtr, routeLen, code >= 100 && code <= 599 ? <i32>(code / 100) : 0), 1);
    if (durationNanos >= 0) recordHistogram(this.duration, <u64>(durationNanos / 1_000_000));
    this.counters.add(this.authSlot(authPtr, authLen), 1);
  }

  private routeSlot(ptr: usize, len: i32, statusClass: i32): u32 {
    const r = this.routes.find(ptr, len);
    const slots = r === null ? this.otherRoutes : r.slots;
    const known = unchecked(slots[statusClass]);
    if (known >= 0) return <u32>known;
    const name = r === null ? "other" : (len == 0 ? "none" : sanitize(text(r.route)));
    const slot = this.counters.define(MetricType.Counter,
      this.prefix + ".requests." + name + "." + String.fromCharCode(0x30 + statusClass) + "xx");
    slots[statusClass] = <i32>slot;
    return slot;
  }

  /** The decision is the first word of auth-policy's value ("deny policy/rule"). */
  private authSlot(p: usize, len: i32): u32 {
    if (len <= 0) return this.authNone;
    let n: usize = 0;
    while (n < <usize>len && load<u8>(p + n) != 0x20) n++;
    for (let i = 0; i < this.authWords.length; i++) {
      if (bytesEqualAt(p, n, unchecked(this.authWords[i]))) return unchecked(this.authSlots[i]);
    }
    return this.authOther;
  }
}

/** A route id as one stat-name segment: [A-Za-z0-9_] kept, anything else '_'. */
function sanitize(s: string): string {
  let out = "";
  const n = s.length < 128 ? s.length : 128;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f;
    out += ok ? String.fromCharCode(c) : "_";
  }
  return out;
}
