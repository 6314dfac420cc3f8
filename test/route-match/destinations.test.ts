// Weighted splits and sticky routing on real Envoy, and the order the generator emits.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import type { RouteMatchConfig } from "../../generator/plan/filters/route-match.ts";
import { startHarness, route, type Harness } from "./harness.ts";

const HOST = "host: reviews.shop";
const N = 1000;

// Both orders a generator emits for the same two rules: Istio keeps the user's order (first
// match wins, so an earlier prefix shadows a later exact), Gateway API sorts the most specific
// first. Eight or more routes, so the first-segment index is in play.
const filler = Array.from({ length: 8 }, (_, i) => route(`vs/shop/fill/r${i}`, "fill", [{ path: { pathPrefix: `/fill${i}` } }]));
const config: RouteMatchConfig = {
  virtualHosts: [
    { name: "split", domains: ["split.shop"], routes: [
      { id: "vs/shop/split/r0", matches: [], destinations: [{ cluster: "v1", weight: 90 }, { cluster: "v2", weight: 10 }, { cluster: "never", weight: 0 }] },
    ] },
    { name: "sticky", domains: ["sticky.shop"], routes: [
      { id: "vs/shop/sticky/r0", matches: [{ path: { prefix: "/h" } }], stickyBy: { header: "x-user" },
        destinations: [{ cluster: "v1", weight: 1 }, { cluster: "v2", weight: 1 }] },
      { id: "vs/shop/sticky/r1", matches: [{ path: { prefix: "/c" } }], stickyBy: { cookie: "session" },
        destinations: [{ cluster: "v1", weight: 1 }, { cluster: "v2", weight: 1 }] },
    ] },
    { name: "istio", domains: ["istio.shop"], routes: [
      ...filler,
      route("vs/shop/istio/r0", "prefix", [{ path: { prefix: "/api" } }]),
      route("vs/shop/istio/r1", "exact", [{ path: { exact: "/api/health" } }]),
      route("vs/shop/istio/r2", "catchall", []),
    ] },
    { name: "gateway", domains: ["gateway.shop"], routes: [
      route("vs/shop/gateway/r1", "exact", [{ path: { exact: "/api/health" } }]),
      ...filler,
      route("vs/shop/gateway/r0", "prefix", [{ path: { pathPrefix: "/api" } }]),
      route("vs/shop/gateway/r2", "catchall", []),
    ] },
  ],
};

let h: Harness;
before(async () => { h = await startHarness(config, ["v1", "v2", "never", "prefix", "exact", "catchall", "fill"]); });
after(async () => { await h?.stop(); });

test(`a 90/10 split is observed within ±4% over ${N} requests; weight 0 gets nothing`, async () => {
  const counts: Record<string, number> = {};
  for (let i = 0; i < N; i++) {
    const res = await h.send("/x", ["host: split.shop"]);
    counts[res.upstream ?? String(res.status)] = (counts[res.upstream ?? String(res.status)] ?? 0) + 1;
  }
  assert.equal((counts.v1 ?? 0) + (counts.v2 ?? 0), N, JSON.stringify(counts));
  assert.ok(Math.abs((counts.v1 ?? 0) / N - 0.9) <= 0.04, JSON.stringify(counts));
  assert.equal(counts.never, undefined);
});

test("the same sticky header value always reaches the same destination; values spread", async () => {
  const seen = new Set<string>();
  for (let user = 0; user < 20; user++) {
    const first = (await h.send("/h", ["host: sticky.shop", `x-user: user-${user}`])).upstream!;
    seen.add(first);
    for (let k = 0; k < 5; k++) {
      assert.equal((await h.send("/h", ["host: sticky.shop", `x-user: user-${user}`])).upstream, first);
    }
  }
  assert.deepEqual([...seen].sort(), ["v1", "v2"]);
});

test("the same sticky cookie value always reaches the same destination", async () => {
  const seen = new Set<string>();
  for (let s = 0; s < 20; s++) {
    const first = (await h.send("/c", ["host: sticky.shop", `cookie: a=1; session=s${s}; b=2`])).upstream!;
    seen.add(first);
    for (let k = 0; k < 3; k++) {
      assert.equal((await h.send("/c", ["host: sticky.shop", "cookie: a=9", `cookie: session="s${s}"`])).upstream, first);
    }
  }
  assert.deepEqual([...seen].sort(), ["v1", "v2"]);
});

test("first match wins in the emitted order (Istio order: the earlier prefix shadows the exact)", async () => {
  assert.equal((await h.send("/api/health", ["host: istio.shop"])).upstream, "prefix");
  assert.equal((await h.send("/apix", ["host: istio.shop"])).upstream, "prefix");
  assert.equal((await h.send("/fill3/a", ["host: istio.shop"])).upstream, "fill");
  assert.equal((await h.send("/other", ["host: istio.shop"])).upstream, "catchall");
});

test("first match wins in the emitted order (Gateway API order: exact first)", async () => {
  assert.equal((await h.send("/api/health", ["host: gateway.shop"])).upstream, "exact");
  assert.equal((await h.send("/api/x", ["host: gateway.shop"])).upstream, "prefix");
  assert.equal((await h.send("/apix", ["host: gateway.shop"])).upstream, "catchall");
  assert.equal((await h.send("/", ["host: gateway.shop"])).upstream, "catchall");
});
