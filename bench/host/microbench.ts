// Host microbenchmark CLI: ns per request for a filter, with the noop filter as the floor.
//   node --import tsx bench/host/microbench.ts --filter route-match [--iterations 20000] [--runs 5] [--write]
// --write records the result in bench/results/host-microbench.json.
import { Command } from "commander";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measureFilter, type MeasureOptions } from "./measure.ts";

const root = join(fileURLToPath(import.meta.url), "..", "..", "..");
const opts = new Command()
  .requiredOption("--filter <name>", "filter under build/ (route-match, noop)")
  .option("--iterations <n>", "requests per run", "20000")
  .option("--runs <n>", "runs (the median is reported)", "5")
  .option("--write", "record the result in bench/results/host-microbench.json")
  .parse().opts();

/** Requests like the scenarios': routed prefixes and exact paths, a miss, a POST with a body. */
const REQUESTS: MeasureOptions["requests"] = [
  { path: "/api/items?page=2", headers: { "user-agent": "bench", accept: "*/*" } },
  { path: "/api/health" },
  { path: "/v1/orders/7", method: "DELETE" },
  { path: "/other" },
  { path: "/api/orders", method: "POST", body: '{"qty":2}', headers: { "content-type": "application/json" } },
];
const CONFIGS: Record<string, string> = {
  noop: "{}",
  "route-match": readFileSync(join(root, "test", "scenarios", "configs", "route-match", "basic.json"), "utf8"),
};
const CATCH_ALL = [{ match: { prefix: "/" }, route: { cluster: "api" } }];

const common = { requests: REQUESTS, iterations: Number(opts.iterations), runs: Number(opts.runs) };
const floor = measureFilter({ ...common, filter: "noop", config: CONFIGS.noop, routes: CATCH_ALL });
const result = opts.filter === "noop" ? floor
  : measureFilter({ ...common, filter: opts.filter, config: CONFIGS[opts.filter] ?? "{}" });
const record = {
  measured: new Date().toISOString(),
  node: process.version,
  what: "ns per request on the TS host (full exchange: callbacks, router, static upstream), median of runs",
  floor,
  filter: result,
  overFloorNs: result.nsPerRequest - floor.nsPerRequest,
};
console.log(JSON.stringify(record, null, 2));
if (opts.write) {
  mkdirSync(join(root, "bench", "results"), { recursive: true });
  writeFileSync(join(root, "bench", "results", "host-microbench.json"), `${JSON.stringify(record, null, 2)}\n`);
}
