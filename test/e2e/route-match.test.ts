// The first filter end to end: route-match built to wasm, loaded by the pinned real Envoy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEnvoy, type RunningEnvoy, EnvoyExitedError } from "../support/envoy.ts";
import { startUpstream, type Upstream } from "../support/upstream.ts";
import { freePort } from "../support/ports.ts";
import { testBootstrap } from "../support/bootstrap.ts";
import type { RouteMatchConfig } from "../../generator/plan/filters/route-match.ts";

const config: RouteMatchConfig = {
  virtualHosts: [{
    name: "reviews.shop",
    domains: ["*"],
    routes: [
      { id: "vs/shop/reviews/r0", matches: [{ path: { exact: "/api/health" } }], destinations: [{ cluster: "health", weight: 1 }] },
      { id: "vs/shop/reviews/r1", matches: [{ path: { prefix: "/api/" } }, { path: { prefix: "/v1/" } }], destinations: [{ cluster: "api", weight: 1 }] },
    ],
  }],
};

let envoy: RunningEnvoy;
let api: Upstream, health: Upstream;
let base: string;

before(async () => {
  [api, health] = await Promise.all([startUpstream("api"), startUpstream("health")]);
  const [adminPort, listenerPort] = [await freePort(), await freePort()];
  envoy = await startEnvoy({
    adminPort,
    bootstrap: testBootstrap({
      adminPort, listenerPort,
      filters: [{ filter: "route-match", config }],
      clusters: { api: api.port, health: health.port },
    }),
  });
  base = `http://127.0.0.1:${listenerPort}`;
});

after(async () => {
  await envoy?.stop();
  await Promise.all([api?.close(), health?.close()]);
});

test("a prefix route reaches its cluster, with the routing headers removed", async () => {
  const res = await fetch(`${base}/api/items?page=2`);
  assert.equal(res.status, 200);
  const seen = await res.json();
  assert.equal(seen.upstream, "api");
  assert.equal(seen.url, "/api/items?page=2");
  assert.equal(seen.headers["x-wasmesh-route"], undefined);
  assert.equal(seen.headers["x-wasmesh-cluster"], undefined);
});

test("an exact route wins over a later prefix route; the query does not take part", async () => {
  const res = await fetch(`${base}/api/health?verbose=1`);
  assert.equal((await res.json()).upstream, "health");
});

test("any one of a route's matches selects it", async () => {
  const res = await fetch(`${base}/v1/x`);
  assert.equal((await res.json()).upstream, "api");
});

test("no matching route is a 404 local reply that never reaches an upstream", async () => {
  const before = api.requests.length + health.requests.length;
  const res = await fetch(`${base}/other`);
  assert.equal(res.status, 404);
  assert.equal(await res.text(), "no route matched\n");
  assert.equal(api.requests.length + health.requests.length, before);
});

test("a request cannot steer itself with spoofed routing headers", async () => {
  const res = await fetch(`${base}/api/x`, { headers: { "x-wasmesh-cluster": "health", "x-wasmesh-route": "vs/shop/reviews/r0" } });
  assert.equal((await res.json()).upstream, "api");
  const miss = await fetch(`${base}/nothing`, { headers: { "x-wasmesh-cluster": "api", "x-wasmesh-route": "vs/shop/reviews/r1" } });
  assert.equal(miss.status, 404);
});

test("Envoy refuses a bootstrap whose route-match configuration the filter rejects", async () => {
  const [adminPort, listenerPort] = [await freePort(), await freePort()];
  const bad = { virtualHosts: [{ name: "a", domains: ["*"], routes: [{ id: "r0", matches: [{ path: { glob: "/api/*" } }], destinations: [{ cluster: "api", weight: 1 }] }] }] };
  await assert.rejects(
    startEnvoy({ adminPort, bootstrap: testBootstrap({ adminPort, listenerPort, filters: [{ filter: "route-match", config: bad }], clusters: { api: api.port } }) }),
    (err: unknown) => {
      assert.ok(err instanceof EnvoyExitedError, String(err));
      assert.match(err.log, /route-match: invalid configuration, rejected/);
      assert.match(err.log, /Unable to create Wasm plugin route-match/);
      return true;
    },
  );
});
