// Instructions per request for each filter against the noop floor, counted by callgrind
// (bench/icount/callgrind.ts) over the fixed request sets of bench/icount/scenarios.ts. Unlike
// times, these figures do not depend on the machine's load; each scenario is counted twice (in
// two processes) and the result says whether the two counts agree exactly.
// Usage: node --import tsx bench/icount/run.ts [--requests N] [--only <substring>] [--write]
//   (--write: bench/results/icount.json). Bounded: two valgrind runs per scenario, each Node's
//   start-up under valgrind plus 3N requests (default N = 1,000); 11 min for all on 2 shared cores.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../test/support/paths.ts";
import { countInstructions, NODE_FLAGS, type Count } from "./callgrind.ts";
import { scenarios } from "./scenarios.ts";

const args = process.argv.slice(2);
const n = Number(args[args.indexOf("--requests") + 1] ?? 0) || 1_000;
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;

const all = await scenarios();
const names = Object.keys(all).filter((k) => k === "noop" || !only || k.includes(only));
const counts: Record<string, [Count, Count]> = {};
// Two names at a time: the machine has two cores, and the counts do not depend on timing.
for (let i = 0; i < names.length; i += 2) {
  const batch = names.slice(i, i + 2);
  // N a whole number of passes over the request set, so both windows hold the same mix.
  const perSet = (name: string) => Math.ceil(n / all[name].requests.length) * all[name].requests.length;
  const done = await Promise.all(batch.map(async (name) =>
    [name, await Promise.all([countInstructions(all[name], perSet(name)), countInstructions(all[name], perSet(name))])] as const));
  for (const [name, c] of done) {
    counts[name] = c;
    console.log(`${name}: ${c[0].perRequest} / ${c[1].perRequest} instructions per request`);
  }
}

const floor = counts.noop[0].perRequest;
const rows = Object.entries(counts).map(([scenario, [a, b]]) => ({
  scenario, instructionsPerRequest: a.perRequest, aboveFloor: +(a.perRequest - floor).toFixed(1),
  secondRun: b.perRequest, repeatable: a.perRequest === b.perRequest,
  // How far the two runs' raw windows differ (0 when exactly repeatable).
  windowSpread: Math.max(Math.abs(a.windowN - b.windowN), Math.abs(a.window2N - b.window2N)),
}));
console.table(rows);

if (args.includes("--write")) {
  const valgrind = execFileSync("valgrind", ["--version"], { encoding: "utf8" }).trim();
  writeFileSync(join(projectRoot, "bench", "results", "icount.json"), JSON.stringify({
    date: new Date().toISOString(), node: process.version, valgrind, cpu: cpus()[0]?.model, cpus: cpus().length,
    loadAverage1m: +loadavg()[0].toFixed(2),
    how: `callgrind Ir of the main thread between markers around N and 2N requests (N: ${n} rounded up to whole passes over the ` +
      `scenario's request set); per request = difference / N. ` +
      `Guest-only: the filter in bench/icount/guest.mjs's fixed host (its JS glue is counted too). node ${NODE_FLAGS.join(" ")}`,
    requests: n, results: rows,
  }, null, 2) + "\n");
}
