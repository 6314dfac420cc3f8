// One root tick serves two intervals: the collector's flushIntervalMs and the metrics flush.
// Ticks are counted, not timed (no clock host call): the period is the intervals' greatest
// common divisor when that is at least a quarter of the shorter one, so each job runs on every
// n-th tick exactly on time; otherwise the period is the shorter interval and the longer job runs
// every floor(longer / shorter) ticks, a little early rather than late.
export class TickSchedule {
  /** proxy_set_tick_period_milliseconds argument (0: no tick). */
  periodMs: u32 = 0;
  private collectorEvery: u32 = 0;
  private metricsEvery: u32 = 0;
  private ticks: u32 = 0;
  collectorDue: bool = false;
  metricsDue: bool = false;

  /** Intervals in ms, 0 for a job that does not exist. */
  constructor(collectorMs: u32, metricsMs: u32) {
    if (collectorMs == 0 || metricsMs == 0) {
      this.periodMs = collectorMs | metricsMs;
    } else {
      const shorter = collectorMs < metricsMs ? collectorMs : metricsMs;
      const g = gcd(collectorMs, metricsMs);
      this.periodMs = g * 4 >= shorter ? g : shorter;
    }
    if (collectorMs != 0) this.collectorEvery = collectorMs / this.periodMs;
    if (metricsMs != 0) this.metricsEvery = metricsMs / this.periodMs;
  }

  /** Counts one tick and sets which jobs are due on it. */
  tick(): void {
    this.ticks++;
    this.collectorDue = this.collectorEvery != 0 && this.ticks % this.collectorEvery == 0;
    this.metricsDue = this.metricsEvery != 0 && this.ticks % this.metricsEvery == 0;
  }
}

function gcd(a: u32, b: u32): u32 {
  while (b != 0) { const t = a % b; a = b; b = t; }
  return a;
}
