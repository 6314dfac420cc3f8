// On the TS host: auth-policy sums its counters in guest memory and sends them on the root tick
// (metricsFlushMs, default 1000), so a request makes no counter host call; 0 sends each at once;
// shutdown flushes what is left; a value out of range is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startPlugin, exchange, PluginStartError, type Plugin } from "../../host/index.ts";
import { wasmPath } from "../support/paths.ts";

const RULES = [
  { id: "meshauth/shop/p/r0", action: "DENY", to: [{ paths: ["/admin*"] }] },
  { id: "meshauth/shop/p/r1", action: "ALLOW", to: [{ paths: ["/api/*"] }] },
];
const COUNTERS = ["auth_policy.allowed", "auth_policy.denied", "auth_policy.rule.meshauth.shop.p.r0", "auth_policy.rule.meshauth.shop.p.r1"];

function start(over: Record<string, unknown> = {}, workers = 1): Plugin {
  return startPlugin({ wasm: wasmPath("auth-policy"), name: "auth-policy",
    config: JSON.stringify({ workload: "shop/p", jwtProviders: [], rules: RULES, ...over }),
    clusters: ["api"], routes: [{ name: "r", match: { prefix: "/" }, route: { cluster: "api" } }], workers });
}

/** 2 allowed by r1 and 1 denied by r0 per call, on one worker. */
function send(plugin: Plugin, worker = 0): void {
  assert.equal(exchange(plugin, { path: "/api/a", worker }).status, 200);
  assert.equal(exchange(plugin, { path: "/api/b", worker }).status, 200);
  assert.equal(exchange(plugin, { path: "/admin/x", worker }).status, 403);
}

const counts = (p: Plugin) => COUNTERS.map((m) => p.metric(m) ?? 0);

test("counters reach the stats on the tick after the requests, exactly, not before", () => {
  const plugin = start({}, 2);
  send(plugin, 0);
  send(plugin, 1);
  assert.deepEqual(counts(plugin), [0, 0, 0, 0]);
  plugin.advanceTime(999);
  assert.deepEqual(counts(plugin), [0, 0, 0, 0]);
  plugin.advanceTime(1);
  assert.deepEqual(counts(plugin), [4, 2, 2, 4]);
  plugin.advanceTime(3000);
  assert.deepEqual(counts(plugin), [4, 2, 2, 4], "a flush with nothing new adds nothing");
});

test("metricsFlushMs 0 counts at once; shutdown flushes what a tick has not sent", () => {
  const now = start({ metricsFlushMs: 0 });
  send(now);
  assert.deepEqual(counts(now), [2, 1, 1, 2]);
  const later = start({ metricsFlushMs: 60000 });
  send(later);
  later.advanceTime(1000);
  assert.deepEqual(counts(later), [0, 0, 0, 0]);
  later.shutdown();
  assert.deepEqual(counts(later), [2, 1, 1, 2]);
});

test("a flush interval that is not a whole number of ms in 0..3,600,000 is refused", () => {
  for (const bad of [-1, 1.5, 3_600_001, "1000", null]) {
    assert.throws(() => start({ metricsFlushMs: bad }), PluginStartError, JSON.stringify(bad));
  }
});
