// The README table of a load result: medians with the rounds' min–max, and ratios to router-only.
import type { ConfigSummary } from "./summary.ts";
import type { Spread } from "./stats.ts";

const LABELS: Record<string, string> = { router: "router only", wasm: "wasmesh filters", native: "native equivalents" };

const range = (s: Spread, digits: number) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

export function markdownTable(configs: Record<string, ConfigSummary>): string {
  const rows = [
    "| config | req/s | × router | CPU s / 10k req | × router | p50 µs | × router | p99 µs | × router |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const [name, s] of Object.entries(configs)) {
    const a = s.absolute, r = s.ratio;
    rows.push(`| ${LABELS[name] ?? name} | ${range(a.rps, 0)} | ${range(r.rps, 2)} | ${range(a.cpuPer10k, 2)} | ${range(r.cpuPer10k, 2)} | ` +
      `${range(a.p50Us, 0)} | ${range(r.p50Us, 2)} | ${range(a.p99Us, 0)} | ${range(r.p99Us, 2)} |`);
  }
  return rows.join("\n");
}
