// Body buffering and its limit; route re-selection on the headers the filter forwarded.
import { test } from "node:test";
import assert from "node:assert/strict";
import { settle } from "../../host/index.ts";
import { startProbe, probe } from "./probe.ts";

test("StopIterationAndBuffer accumulates chunks; the last callback sees the whole body", () => {
  const r = probe(startProbe(), "buffer", { method: "POST", body: ["ab", "cde", "f"] });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get("x-probe-body-size"), "6");
  assert.equal(r.upstream!.body, "abcdef");
});

test("buffering past the limit is Envoy's 413 (Payload Too Large), through the response callbacks", () => {
  const r = probe(startProbe({ bufferLimit: 10 }), "buffer", { method: "POST", body: ["123456", "789012", "x"] });
  assert.equal(r.status, 413);
  assert.equal(r.body, "Payload Too Large");
  assert.equal(r.localReply!.details, "request_payload_too_large");
  assert.equal(r.headers.get("x-probe-status"), "413");
  assert.equal(r.upstream, null);
});

test("request-header writes re-run route selection; the router strips the routing headers", () => {
  const plugin = startProbe({ clusters: ["api", "pool-b"] });
  const r = probe(plugin, "route", { headers: { "x-probe-cluster": "pool-b" } });
  assert.equal(r.upstream!.cluster, "pool-b");
  assert.equal(r.upstream!.headers.get("x-wasmesh-cluster"), undefined);
  assert.equal(r.stream.routeCacheCleared, true);
});

test("a pause for a callout holds the request; the callout's answer continues it or denies it", () => {
  const plugin = startProbe();
  const held = probe(plugin, "callout");
  assert.equal(held.status, 0, "still waiting");
  assert.equal(plugin.pendingCallouts.length, 1);
  const call = plugin.pendingCallouts[0];
  assert.equal(call.cluster, "api");
  assert.equal(call.token, 4);
  assert.equal(call.headers.get(":path"), "/check");
  call.respond({ status: 200, headers: { "x-allow": "yes" } });
  const done = settle(plugin, held.stream);
  assert.equal(done.status, 200);
  assert.equal(done.upstream!.headers.get("x-probe-callout"), "allowed", "headers written while paused reach the upstream");
  const denied = probe(plugin, "callout");
  plugin.pendingCallouts[0].respond({ status: 200, headers: { "x-allow": "no" } });
  assert.equal(denied.stream.localReply!.status, 403);
  assert.equal(plugin.pendingCallouts.length, 0);
});
