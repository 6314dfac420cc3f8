// The route-match benchmark's scenarios: virtual hosts of n routes (a mix of pathPrefix, exact,
// regex and header matches) and requests spread over early, middle, late and unmatched routes.
import { compileRegex } from "../../generator/regex/compile.ts";
import type { RouteMatchConfig, RouteRule } from "../../generator/plan/filters/route-match.ts";

export const CLUSTERS = ["api", "health"];
const users = compileRegex("/users/[0-9]+/orders/[0-9a-f]{8}");
if (!users.ok) throw new Error(users.message);

export function config(n: number): RouteMatchConfig {
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

export function requests(n: number) {
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

export const asPairs = (r: ReturnType<typeof requests>[number]): [string, string][] =>
  [[":authority", r.authority], [":path", r.path], [":method", "GET"], [":scheme", "http"], ...Object.entries(r.headers)];
