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
import { defineMetric, incrementCounter, recordHistogram, MetricType } from "../common/abi/host";
import { proxy_increment_metric } from "../common/abi/imports";
import { text, utf8, bytesEqualAt, copyFrom } from "../common/bytes";

/** Distinct route metrics per VM; beyond this, requests count under route "other". */
const MAX_ROUTE_METRICS = 512;
const AUTH_DECISIONS = ["allow", "deny", "unauthenticated", "audit-deny", "audit-allow"];

class RouteMetric {
  constructor(readonly route: ArrayBuffer, readonly statusClass: i32, readonly id: u32) {}
}

export class Metrics {
  logged: u32; sampledOut: u32; filteredOut: u32; stdoutWritten: u32; stdoutFailed: u32;
  collectorSent: u32; collectorFailed: u32; collectorDropped: u32; collectorPending: u32;
  duration: u32;
  /** Route metrics found by comparing bytes, so the hot path allocates nothing. */
  private routes: RouteMetric[] = [];
  private authWords: ArrayBuffer[] = [];
  private authIds: u32[] = [];
  private authNone: u32 = 0;
  private authOther: u32 = 0;
  private otherRoutes: StaticArray<u32> = new StaticArray<u32>(6);

  constructor(readonly prefix: string) {
    this.logged = defineMetric(MetricType.Counter, prefix + ".records_logged");
    this.sampledOut = defineMetric(MetricType.Counter, prefix + ".records_sampled_out");
    this.filteredOut = defineMetric(MetricType.Counter, prefix + ".records_filtered_out");
    this.stdoutWritten = defineMetric(MetricType.Counter, prefix + ".stdout_written");
    this.stdoutFailed = defineMetric(MetricType.Counter, prefix + ".stdout_failed");
    this.collectorSent = defineMetric(MetricType.Counter, prefix + ".collector_sent");
    this.collectorFailed = defineMetric(MetricType.Counter, prefix + ".collector_failed");
    this.collectorDropped = defineMetric(MetricType.Counter, prefix + ".collector_dropped");
    this.collectorPending = defineMetric(MetricType.Gauge, prefix + ".collector_pending");
    this.duration = defineMetric(MetricType.Histogram, prefix + ".duration_ms");
    for (let i = 0; i < AUTH_DECISIONS.length; i++) {
      this.authWords.push(utf8(AUTH_DECISIONS[i]));
      this.authIds.push(defineMetric(MetricType.Counter, prefix + ".auth." + AUTH_DECISIONS[i].replaceAll("-", "_")));
    }
    this.authNone = defineMetric(MetricType.Counter, prefix + ".auth.none");
    this.authOther = defineMetric(MetricType.Counter, prefix + ".auth.other");
  }

  count(id: u32, n: i64 = 1): void {
    if (n > 0) incrementCounter(id, n);
  }

  /** Gauges take signed deltas (Envoy accumulates them across worker VMs). */
  adjustPending(delta: i64): void {
    if (delta != 0 && this.collectorPending != 0) proxy_increment_metric(this.collectorPending, delta);
  }

  /** One request: its route id and auth decision as bytes at [ptr, ptr+len) (len 0: none). */
  request(routePtr: usize, routeLen: i32, code: i64, durationNanos: i64, authPtr: usize, authLen: i32): void {
    incrementCounter(this.routeMetric(routePtr, routeLen, code >= 100 && code <= 599 ? <i32>(code / 100) : 0));
    if (durationNanos >= 0) recordHistogram(this.duration, <u64>(durationNanos / 1_000_000));
    incrementCounter(this.authMetric(authPtr, authLen));
  }

  private routeMetric(ptr: usize, len: i32, statusClass: i32): u32 {
    const routes = this.routes;
    for (let i = 0; i < routes.length; i++) {
      const m = unchecked(routes[i]);
      if (m.statusClass == statusClass && bytesEqualAt(ptr, <usize>len, m.route)) return m.id;
    }
    const full = routes.length >= MAX_ROUTE_METRICS;
    if (full && this.otherRoutes[statusClass] != 0) return this.otherRoutes[statusClass];
    const route = copyFrom(ptr, <usize>len);
    const name = full ? "other" : (len == 0 ? "none" : sanitize(text(route)));
    const id = defineMetric(MetricType.Counter, this.prefix + ".requests." + name + "." + String.fromCharCode(0x30 + statusClass) + "xx");
    if (full) this.otherRoutes[statusClass] = id;
    else routes.push(new RouteMetric(route, statusClass, id));
    return id;
  }

  /** The decision is the first word of auth-policy's value ("deny policy/rule"). */
  private authMetric(p: usize, len: i32): u32 {
    if (len <= 0) return this.authNone;
    let n: usize = 0;
    while (n < <usize>len && load<u8>(p + n) != 0x20) n++;
    for (let i = 0; i < this.authWords.length; i++) {
      if (bytesEqualAt(p, n, unchecked(this.authWords[i]))) return unchecked(this.authIds[i]);
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
