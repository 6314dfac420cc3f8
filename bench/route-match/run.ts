// Nanoseconds per request for route-match on the TS host, against the noop floor, for virtual
// hosts of 10, 100 and 1,000 routes (a mix of pathPrefix, exact, regex and header matches,
// requests spread over early, middle, late and unmatched routes).
// Usage: node --import tsx bench/route-match/run.ts [--write]   (--write: bench/results/route-match.json)
// Bounded: 5 runs × 10,000 requests per scenario (20,000 for the guest-only rows).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { measureFilter } from "../host/measure.ts";
import { loadGuest } from "./guest-only.ts";
import { projectRoot } from "../../test/support/paths.ts";
import { compileRegex } from "../../generator/regex/compile.ts";
import type { RouteMatchConfig, RouteRule } from "../../generator/plan/filters/route-match.ts";

const CLUSTERS = ["api", "health"];
const users = compileRegex("/users/[0-9]+/orders/[0-9a-f]{8}");
if (!users.ok) throw new Error(users.message);

function config(n: number): RouteMatchConfig {
  const routes: RouteRule[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 4;
    const dest = [{ cluster: CLUSTERS[i % 2], weight: 1 }];
    const id = `vs/bench/svc/r${i}`;
    if (kind === 0) routes.push({ id, matches: [{ path: { pathPrefix: `/svc${i}` } }], destinations: dest });
    else if (kind === 1) routes.push({ id, matches: [{ path: { exact: `/svc${i}/health` }, method: "GET" }], destinations: dest });
    else if (kind === 2) routes.push({ id, matches: [{ path: { prefix: `/svc${i}/v2/` }, headers: [{ name: "x-canary", match: { exact: "on" } }] }],
      destinations: [{ cluster: "api", weight: 90 }, { cluster: "health", weight: 10 }] });
    else routes.push({ id, matches: [{ path: { prefix: `/svc${i}/` }, queryParams: [{ name: "v", present: true }] }], destinations: dest });
  }
  routes.push({ id: "vs/bench/svc/users", matches: [{ path: { regex: users.ok ? users.regex : undefined! } }], destinations: [{ cluster: "api", weight: 1 }] });
  return { virtualHosts: [
    { name: "other", domains: ["other.shop", "*.other.shop"], routes: [] },
    { name: "bench", domains: ["bench.shop", "bench.shop:8080"], routes },
  ] };
}

function requests(n: number) {
  const at = (i: number) => Math.min(n - 1, i);
  const headers = { "user-agent": "bench/1.0", accept: "*/*", "x-request-id": "6f1c1f5e-1f6b-4a8e-9d43-0c1d2b3a4f5e", "x-canary": "on" };
  return [
    { path: `/svc0/items/42?page=2`, authority: "bench.shop", headers },
    { path: `/svc${at(Math.floor(n / 2) + 1)}/health`, authority: "bench.shop", headers },
    { path: `/svc${at(n - 2)}/v2/x`, authority: "bench.shop", headers },
    { path: `/svc${at(n - 1)}/a?v=1`, authority: "bench.shop", headers },
    { path: `/users/12/orders/deadbeef`, authority: "bench.shop", headers },
    { path: `/nowhere/at/all`, authority: "bench.shop", headers },
  ];
}

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
const asPairs = (r: ReturnType<typeof requests>[number]): [string, string][] =>
  [[":authority", r.authority], [":path", r.path], [":method", "GET"], [":scheme", "http"], ...Object.entries(r.headers)];
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
