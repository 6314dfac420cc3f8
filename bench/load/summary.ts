// Runs → the recorded figures: per configuration the median and spread of each metric, and per
// round the ratio to the router-only run of the same round (so a neighbour's load that drifts
// between rounds affects both sides of a ratio alike), with its median and spread.
import type { ConfigName } from "./bootstraps.ts";
import type { Run } from "./measure.ts";
import { spread, type Spread } from "./stats.ts";

const METRICS = ["rps", "cpuPer10k", "p50Us", "p99Us"] as const;
type Metric = (typeof METRICS)[number];

export interface ConfigSummary {
  absolute: Record<Metric | "upstreamCpuPer10k", Spread>;
  /** config / router-only, per round. */
  ratio: Record<Metric, Spread>;
  /** p99 above router-only, µs, per round. */
  p99AboveRouterUs: Spread;
  errors: number;
}

export function summarize(rounds: Record<ConfigName, Run>[]): Record<ConfigName, ConfigSummary> {
  const out = {} as Record<ConfigName, ConfigSummary>;
  for (const name of Object.keys(rounds[0]) as ConfigName[]) {
    const runs = rounds.map((r) => r[name]);
    const absolute = {} as ConfigSummary["absolute"];
    const ratio = {} as ConfigSummary["ratio"];
    for (const m of METRICS) {
      absolute[m] = spread(runs.map((r) => r[m]));
      ratio[m] = spread(rounds.map((r) => r[name][m] / r.router[m]));
    }
    absolute.upstreamCpuPer10k = spread(runs.map((r) => r.upstreamCpuPer10k));
    out[name] = { absolute, ratio, p99AboveRouterUs: spread(rounds.map((r) => r[name].p99Us - r.router.p99Us)),
      errors: runs.reduce((a, r) => a + r.errors, 0) };
  }
  return out;
}

/** Issue 9's targets for the wasm filters, judged on the medians. */
export function targets(s: Record<ConfigName, ConfigSummary>) {
  const throughputCost = 1 - s.wasm.ratio.rps.median;
  return {
    throughputCostAtMost10Percent: { value: +(throughputCost * 100).toFixed(1), met: throughputCost <= 0.10 },
    p99AboveRouterAtMost50Us: { value: s.wasm.p99AboveRouterUs.median, met: s.wasm.p99AboveRouterUs.median <= 50 },
    cpuPerRequestBelowNative: { value: { wasm: s.wasm.absolute.cpuPer10k.median, native: s.native.absolute.cpuPer10k.median },
      met: s.wasm.absolute.cpuPer10k.median < s.native.absolute.cpuPer10k.median },
  };
}
