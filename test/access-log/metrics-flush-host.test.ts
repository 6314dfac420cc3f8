// On the TS host: access-log sums its counters in guest memory and sends them on the root tick
// (metricsFlushMs, default 1000), so requests make no counter host calls; metricsFlushMs 0 sends
// each increment at once; shutdown flushes what is left.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startPlugin, exchange, PluginStartError, type Plugin } from "../../host/index.ts";
import { wasmPath } from "../support/paths.ts";
import { baseConfig } from "./harness.ts";

const ROUTES = [{ name: "vs/shop/r0", match: { prefix: "/" }, route: { cluster: "api" } }];
const LOGGED = "wasmesh_access.records_logged";
const ROUTE_2XX = "wasmesh_access.requests.vs_shop_r0.2xx";
const AUTH_NONE = "wasmesh_access.auth.none";

function start(over: Record<string, unknown> = {}, workers = 1): Plugin {
  return startPlugin({ wasm: wasmPath("access-log"), name: "access-log", config: JSON.stringify(baseConfig(over)),
    clusters: ["api", "otel"], routes: ROUTES, workers });
}

function send(plugin: Plugin, n: number, worker = 0): void {
  for (let i = 0; i < n; i++) assert.equal(exchange(plugin, { path: `/r/${i}`, worker }).status, 200);
}

const counts = (p: Plugin) => [LOGGED, ROUTE_2XX, AUTH_NONE].map((m) => p.metric(m) ?? 0);

test("counters reach the host's stats on the tick after the requests, exactly, not before", () => {
  const plugin = start({}, 2);
  send(plugin, 3, 0);
  send(plugin, 2, 1);
  assert.deepEqual(counts(plugin), [0, 0, 0]);
  plugin.advanceTime(999);
  assert.deepEqual(counts(plugin), [0, 0, 0]);
  plugin.advanceTime(1);
  assert.deepEqual(counts(plugin), [5, 5, 5]);
  send(plugin, 4);
  plugin.advanceTime(1000);
  assert.deepEqual(counts(plugin), [9, 9, 9]);
  assert.equal(plugin.metric("wasmesh_access.stdout_written"), 9);
  plugin.advanceTime(5000);
  assert.deepEqual(counts(plugin), [9, 9, 9], "a flush with nothing new adds nothing");
});

test("metricsFlushMs 0 increments at once, as before batching", () => {
  const plugin = start({ metricsFlushMs: 0 });
  send(plugin, 3);
  assert.deepEqual(counts(plugin), [3, 3, 3]);
});

test("a custom interval; shutdown flushes what the tick has not sent yet", () => {
  const plugin = start({ metricsFlushMs: 250 });
  send(plugin, 2);
  plugin.advanceTime(249);
  assert.deepEqual(counts(plugin), [0, 0, 0]);
  plugin.advanceTime(1);
  assert.deepEqual(counts(plugin), [2, 2, 2]);
  send(plugin, 3);
  plugin.shutdown();
  assert.deepEqual(counts(plugin), [5, 5, 5]);
});

test("one tick serves the collector's interval and the metrics flush", () => {
  const collector = { cluster: "otel", authority: "otel", path: "/v1/logs", batchSize: 100, flushIntervalMs: 300,
    maxBuffered: 1000, timeoutMs: 5000 };
  const plugin = start({ sinks: { stdout: false, collector }, metricsFlushMs: 1000 });
  send(plugin, 4);
  plugin.advanceTime(300);
  assert.equal(plugin.pendingCallouts.length, 1, "the collector batch goes out on its own interval");
  plugin.pendingCallouts[0].respond({ status: 200 });
  assert.equal(plugin.metric("wasmesh_access.collector_sent") ?? 0, 0);
  plugin.advanceTime(699);
  assert.equal(plugin.metric("wasmesh_access.collector_sent") ?? 0, 0);
  plugin.advanceTime(1);
  assert.equal(plugin.metric("wasmesh_access.collector_sent"), 4);
  assert.equal(plugin.metric("wasmesh_access.collector_pending"), 0);
  assert.deepEqual(counts(plugin), [4, 4, 4]);
});

test("an invalid metricsFlushMs is refused in on_configure", () => {
  for (const bad of [-1, "1000", 3_600_001, null]) {
    assert.throws(() => start({ metricsFlushMs: bad }), (e: unknown) => e instanceof PluginStartError && e.reason === "configure",
      JSON.stringify(bad));
  }
});

test("route counters: 512 routes by name, the rest under \"other\", each request counted once", () => {
  const routes = Array.from({ length: 520 }, (_, i) => ({ name: `vs/shop/r${i}`, match: { prefix: `/p${i}/` }, route: { cluster: "api" } }));
  const plugin = startPlugin({ wasm: wasmPath("access-log"), name: "access-log", config: JSON.stringify(baseConfig()),
    clusters: ["api"], routes });
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < routes.length; i++) assert.equal(exchange(plugin, { path: `/p${i}/x` }).status, 200);
  }
  plugin.advanceTime(1000);
  for (let i = 0; i < 512; i++) assert.equal(plugin.metric(`wasmesh_access.requests.vs_shop_r${i}.2xx`), 2, `route ${i}`);
  assert.equal(plugin.metric("wasmesh_access.requests.vs_shop_r512.2xx"), undefined);
  assert.equal(plugin.metric("wasmesh_access.requests.other.2xx"), 16);
  assert.equal(plugin.metric(LOGGED), 1040);
});
