// Envoy behaviours the scenarios cannot express, checked on real Envoy 1.40 next to the host.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PluginStartError } from "../../host/index.ts";
import { EnvoyExitedError } from "../support/envoy.ts";
import { startProbe, probe } from "../host/probe.ts";
import { fixtureWasm } from "../host/fixtures/build.ts";
import { startEnvoyWith, send } from "./envoy-harness.ts";

fixtureWasm("probe");
const wasmLines = (log: string, text: string) => log.split("\n").filter((l) => l.includes("][wasm] ") && l.includes(text));

test("on_configure false or a trap in it: Envoy refuses the bootstrap, the host refuses the plugin", async () => {
  for (const config of ["reject", "trap"]) {
    await assert.rejects(startEnvoyWith({ filter: "fixtures/probe", config, clusters: ["api"] }), (err: unknown) => {
      assert.ok(err instanceof EnvoyExitedError);
      assert.match(err.log, /Unable to create Wasm (HTTP filter|plugin) probe/);
      return true;
    });
    assert.throws(() => startProbe({ config }), PluginStartError);
  }
});

test("the start sequence runs for the canary, the main thread and each worker (--concurrency 2 → 4)", async () => {
  const e = await startEnvoyWith({ filter: "fixtures/probe", config: "", clusters: ["api"], concurrency: 2 });
  try {
    await send(e, { path: "/p" });
    assert.equal(wasmLines(e.envoy.log(), "probe: configured").length, 4);
  } finally {
    await e.stop();
  }
  const host = startProbe({ workers: 2 });
  assert.equal(host.logs.filter((l) => l.message === "probe: configured").length, 4);
});

// Where exactly Envoy stops depends on how the bytes arrive (read sizes), so the body is far over
// the limit and sent in many chunks; status, body and the filter's view of the reply must match.
test("a buffered request body over the 1 MiB connection buffer limit is 413 on both", async () => {
  const body = Array.from({ length: 48 }, (_, i) => String.fromCharCode(97 + (i % 26)).repeat(64 * 1024));
  const e = await startEnvoyWith({ filter: "fixtures/probe", config: "", clusters: ["api"] });
  try {
    const r = await send(e, { method: "POST", path: "/p", headers: { "x-probe": "buffer" }, body });
    const h = probe(startProbe(), "buffer", { method: "POST", body });
    assert.equal(r.status, 413);
    assert.equal(h.status, r.status);
    assert.equal(h.body, r.body);
    assert.equal(h.headers.get("x-probe-status"), r.headers["x-probe-status"]);
    assert.equal(r.upstream, null);
  } finally {
    await e.stop();
  }
});

test("http_call pauses the request; the callout's answer decides (the echo upstream has no x-allow: 403)", async () => {
  const e = await startEnvoyWith({ filter: "fixtures/probe", config: "", clusters: ["api"] });
  try {
    const r = await send(e, { path: "/p", headers: { "x-probe": "callout" } });
    const callout = e.upstreams.get("api")!.requests.find((q) => q.url === "/check");
    assert.ok(callout, "Envoy sent the callout to the api cluster");
    assert.equal(callout.headers.host, "auth");
    const plugin = startProbe();
    const held = probe(plugin, "callout");
    plugin.pendingCallouts[0].respond({ status: 200, headers: { "content-type": "application/json" } });
    assert.equal(r.status, 403);
    assert.equal(r.body, "denied\n");
    assert.equal(held.stream.localReply!.status, r.status);
    assert.equal(held.stream.response!.body.toString(), r.body);
  } finally {
    await e.stop();
  }
});

test("WASI stdout and proxy_log lines look alike in Envoy's log and the host's", async () => {
  const e = await startEnvoyWith({ filter: "fixtures/probe", config: "", clusters: ["api"] });
  try {
    await send(e, { path: "/p", headers: { "x-probe": "stdout" } });
    await new Promise((r) => setTimeout(r, 100));
    const envoyLine = wasmLines(e.envoy.log(), "probe stdout line")[0];
    assert.ok(envoyLine, "Envoy logged the stdout line");
    const plugin = startProbe();
    probe(plugin, "stdout");
    const hostLine = plugin.logs.find((l) => l.message === "probe stdout line")!;
    assert.ok(envoyLine.endsWith(`[${hostLine.level}][wasm] ${hostLine.text}`), `${envoyLine} vs ${hostLine.text}`);
  } finally {
    await e.stop();
  }
});
