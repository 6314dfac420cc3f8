// Logs (proxy_log and WASI stdout), metrics with Prometheus names, timers, properties.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startProbe, probe } from "./probe.ts";

test("proxy_log lines carry Envoy's prefix; levels below the logger's are dropped", () => {
  const plugin = startProbe();
  probe(plugin, "log", { path: "/x?y" });
  assert.ok(plugin.logs.some((l) => l.level === "info" && l.text === "wasm log probe probe probe: probe: /x?y"));
  const quiet = startProbe({ logLevel: "warn" });
  probe(quiet, "log");
  assert.equal(quiet.logs.length, 0);
});

test("WASI fd_write to stdout becomes one info log line, trailing newline stripped", () => {
  const plugin = startProbe();
  probe(plugin, "stdout");
  assert.ok(plugin.logs.some((l) => l.level === "info" && l.message === "probe stdout line"), JSON.stringify(plugin.logs));
});

test("metrics are shared by all workers and named like Envoy's Prometheus output", () => {
  const plugin = startProbe({ workers: 2 });
  for (let i = 0; i < 5; i++) probe(plugin, "size");
  assert.deepEqual(plugin.prometheus(), { probe_requests: 5, probe_active: 0 });
  assert.equal(plugin.metric("probe.requests"), 5);
});

test("ticks: the root context's timer fires once per period as the host clock moves", () => {
  const plugin = startProbe({ config: "tick", workers: 2 });
  plugin.advanceTime(999);
  assert.equal(plugin.logs.filter((l) => l.message === "probe: tick").length, 0);
  plugin.advanceTime(2001);
  const ticks = plugin.logs.filter((l) => l.message === "probe: tick");
  assert.equal(ticks.length, 9, "3 periods × (main thread + 2 workers); the canary never ticks");
  assert.ok(ticks.every((t) => t.vm !== "canary"));
});

test("properties: Envoy's encodings; TLS peer fields only on mTLS connections", () => {
  const plugin = startProbe();
  const plain = probe(plugin, "props", { path: "/a/b?c=1", headers: { "x-probe-ua": ["u1", "u2"] } }).upstream!.headers;
  assert.equal(plain.get("x-probe-prop-path"), Buffer.from("/a/b?c=1").toString("hex"));
  assert.equal(plain.get("x-probe-prop-url-path"), Buffer.from("/a/b").toString("hex"));
  assert.equal(plain.get("x-probe-prop-mtls"), "00");
  assert.equal(plain.get("x-probe-prop-san"), "notfound");
  assert.equal(plain.get("x-probe-prop-ua"), Buffer.from("u1,u2").toString("hex"));
  const san = "spiffe://cluster.local/ns/shop/sa/web";
  const mtls = probe(plugin, "props", { peer: { uriSan: san } }).upstream!.headers;
  assert.equal(mtls.get("x-probe-prop-mtls"), "01");
  assert.equal(mtls.get("x-probe-prop-san"), Buffer.from(san).toString("hex"));
});
