// route-match runs on AssemblyScript's minimal runtime and collects garbage itself, every few
// thousand requests for a small table (filters/route-match/collect.ts). Across many collections
// the filter must keep routing exactly as before (nothing it still uses was freed) and its memory
// must stop growing.
// On the TS host: tens of thousands of requests take a second or two there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startPlugin, exchange } from "../../host/index.ts";
import { wasmPath } from "../support/paths.ts";
import type { RouteMatchConfig } from "../../generator/plan/filters/route-match.ts";

const routes: RouteMatchConfig["virtualHosts"][number]["routes"] = [];
for (let i = 0; i < 12; i++) {
  routes.push({ id: `vs/shop/api/r${i}`, matches: [{ path: { pathPrefix: `/svc${i}` }, method: "GET",
    headers: [{ name: "x-tier", match: { exact: `t${i}` } }], queryParams: [{ name: "v", present: true }] }],
    destinations: [{ cluster: i % 2 === 0 ? "even" : "odd", weight: 1 }] });
}
routes.push({ id: "vs/shop/api/sticky", matches: [{ path: { prefix: "/sticky" } }], stickyBy: { cookie: "session" },
  destinations: [{ cluster: "even", weight: 1 }, { cluster: "odd", weight: 1 }] });
const config: RouteMatchConfig = { debugHeader: true, virtualHosts: [
  { name: "api", domains: ["api.shop", "*.api.shop"], routes },
] };

test("routing is unchanged across many garbage collections and memory stops growing", () => {
  const plugin = startPlugin({ wasm: wasmPath("route-match"), name: "route-match", config, clusters: ["even", "odd"] });
  const memory = () => plugin.workers[0].memory.size;
  const stickyCluster = exchange(plugin, { path: "/sticky", authority: "api.shop", headers: { cookie: "a=1; session=s-42" } })
    .upstream?.cluster;
  assert.ok(stickyCluster === "even" || stickyCluster === "odd");
  const round = (requests: number) => {
    for (let n = 0; n < requests; n++) {
      const i = n % 12;
      const hit = exchange(plugin, { path: `/svc${i}/x?v=1`, authority: n % 3 === 0 ? "API.shop" : "eu.api.shop",
        headers: { "x-tier": `t${i}` } });
      assert.equal(hit.status, 200, `request ${n}`);
      assert.equal(hit.upstream?.cluster, i % 2 === 0 ? "even" : "odd", `request ${n}`);
      assert.equal(hit.headers.get("x-wasmesh-matched-route"), `vs/shop/api/r${i}`, `request ${n}`);
      if (n % 1000 === 0) {
        assert.equal(exchange(plugin, { path: `/svc${i}/x`, authority: "api.shop", headers: { "x-tier": `t${i}` } }).status, 404);
        assert.equal(exchange(plugin, { path: "/sticky", authority: "api.shop", headers: { cookie: "session=s-42" } })
          .upstream?.cluster, stickyCluster);
      }
    }
  };
  round(8_000);
  const settled = memory();
  round(32_000);
  assert.equal(memory(), settled, "guest memory grew between 8,000 and 40,000 requests");
});
