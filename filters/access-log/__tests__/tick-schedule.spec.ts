import { TickSchedule } from "../tick-schedule";

/** Which jobs ran on each of the first `n` ticks: "c" collector, "m" metrics, "-" none. */
function jobs(s: TickSchedule, n: i32): string {
  let out = "";
  for (let i = 0; i < n; i++) {
    s.tick();
    out += s.collectorDue ? (s.metricsDue ? "B" : "c") : (s.metricsDue ? "m" : "-");
  }
  return out;
}

describe("TickSchedule", () => {
  it("ticks at the one interval there is, or not at all", () => {
    expect(new TickSchedule(0, 0).periodMs).toBe(0);
    const m = new TickSchedule(0, 1000);
    expect(m.periodMs).toBe(1000);
    expect(jobs(m, 3)).toBe("mmm");
    const c = new TickSchedule(250, 0);
    expect(c.periodMs).toBe(250);
    expect(jobs(c, 2)).toBe("cc");
  });

  it("runs both on time on the common divisor's ticks", () => {
    expect(new TickSchedule(1000, 1000).periodMs).toBe(1000);
    const s = new TickSchedule(300, 1000);
    expect(s.periodMs).toBe(100);
    expect(jobs(s, 10)).toBe("--c--c--cm");
  });

  it("falls back to the shorter interval when the divisor is tiny, running the longer job early", () => {
    const s = new TickSchedule(1000, 999);
    expect(s.periodMs).toBe(999);
    expect(jobs(s, 2)).toBe("BB");
    const t = new TickSchedule(100, 1001);
    expect(t.periodMs).toBe(100);
    expect(jobs(t, 10)).toBe("cccccccccB");
  });
});
