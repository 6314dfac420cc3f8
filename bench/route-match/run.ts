// Nanoseconds per request for route-match on the TS host, against the noop floor, for virtual
// hosts of 10, 100 and 1,000 routes (a mix of pathPrefix, exact, regex and header matches,
// requests spread over early, middle, late and unmatched routes).
// Usage: node --import tsx bench/route-match/run.ts [--write]   (--write: bench/results/route-match.json)
// Bounded: 5 runs × 10,000 requests per scenario (9 × 20,000, CPU time, for the guest-only rows).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { measureFilter } from "../host/measure.ts";
import { loadGuest } from "../support/guest-only.ts";
import { projectRoot } from "../../test/support/paths.ts";
import type { RouteMatchConfig } from "../../generator/plan/filters/route-match.ts";
import { CLUSTERS, config, requests, asPairs } from "./scenarios.ts";

const results: Record<string, number> = {};
const opts = { iterations: 10_000, runs: 5, warmup: 2_000, clusters: CLUSTERS };
// The floor forwards every request to the upstream too, as a routed request does.
const floor = measureFilter({ filter: "noop", config: "{}", requests: requests(10), routes: [{ match: { prefix: "/" }, route: { cluster: "api" } }], ...opts });
results["noop (floor)"] = floor.nsPerRequest;
const catchAll: RouteMatchConfig = { virtualHosts: [{ name: "all", domains: ["*"], routes: [{ id: "vs/bench/all/r0", matches: [], destinations: [{ cluster: "api", weight: 1 }] }] }] };
results["route-match, 1 catch-all route"] = measureFilter({ filter: "route-match", config: catchAll, requests: requests(10), ...opts }).nsPerRequest;
for (const n of [10, 100, 1000]) {
  const m = measureFilter({ filter: "route-match", config: config(n), requests: requests(n), ...opts });
  results[`route-match, ${n} routes`] = m.nsPerRequest;
}
// The guest alone (stub host): what the filter's own code costs per request.
const guestFloor = loadGuest("noop", "{}").nsPerRequest(requests(10).map(asPairs), 20_000);
results["guest only: noop"] = guestFloor;
for (const n of [10, 100, 1000]) {
  results[`guest only: route-match, ${n} routes`] = loadGuest("route-match", JSON.stringify(config(n))).nsPerRequest(requests(n).map(asPairs), 20_000);
}
console.table(Object.entries(results).map(([scenario, ns]) =>
  ({ scenario, nsPerRequest: ns, overFloor: ns - (scenario.startsWith("guest") ? guestFloor : floor.nsPerRequest) })));
if (process.argv.includes("--write")) {
  writeFileSync(join(projectRoot, "bench", "results", "route-match.json"),
    JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2) + "\n");
}
