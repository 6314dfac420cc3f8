// Module validation, Envoy's start sequence per worker, config rejection, callback order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startPlugin, PluginStartError, exchange } from "../../host/index.ts";
import { wasmPath } from "../support/paths.ts";
import { startProbe, probe } from "./probe.ts";

// A hand-assembled module importing env.<name>(params) and exporting nothing.
function moduleImporting(name: string, params: number[]): Uint8Array {
  const typeBody = [1, 0x60, params.length, ...params, 0];
  const enc = (s: string) => [s.length, ...Buffer.from(s)];
  const importBody = [1, ...enc("env"), ...enc(name), 0, 0];
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, typeBody.length, ...typeBody, 2, importBody.length, ...importBody]);
}

test("a module importing what Envoy lacks, or missing the ABI exports, is refused like Envoy refuses it", () => {
  for (const [name, params] of [["abort", [0x7f, 0x7f, 0x7f, 0x7f]], ["proxy_clear_route_cache", []]] as const) {
    assert.throws(() => startPlugin({ wasm: moduleImporting(name, [...params]) }), (err: unknown) => {
      assert.ok(err instanceof PluginStartError);
      assert.equal(err.reason, "module");
      assert.match(err.message, new RegExp(`env.${name}: Envoy does not provide it`));
      assert.match(err.message, /no proxy_abi_version_0_2_1 export/);
      return true;
    });
  }
});

test("the built filters pass the same validation (one import table for host and hygiene test)", () => {
  for (const f of ["noop", "route-match"]) {
    assert.doesNotThrow(() => startPlugin({ wasm: readFileSync(wasmPath(f)), config: f === "route-match" ? { virtualHosts: [] } : "{}" }));
  }
});

test("the canary, the main thread and each worker run the start sequence on their own VM", () => {
  const plugin = startProbe({ workers: 3 });
  const configured = plugin.logs.filter((l) => l.message === "probe: configured").map((l) => l.vm);
  assert.deepEqual(configured, ["canary", "main", "worker-0", "worker-1", "worker-2"]);
  // Context ids are per VM: every worker's root is 1 and its first stream is 2, as in Envoy.
  const ids = [0, 1, 2].map((w) => exchange(plugin, { path: "/p", worker: w }).stream.contextId);
  assert.deepEqual(ids, [2, 2, 2]);
  assert.deepEqual(plugin.workers.map((w) => w.rootId), [1, 1, 1]);
  assert.notEqual(plugin.workers[0].memory, plugin.workers[1].memory);
});

test("on_configure returning false, or trapping, rejects the plugin", () => {
  for (const config of ["reject", "trap"]) {
    assert.throws(() => startProbe({ config }), (err: unknown) => err instanceof PluginStartError && err.reason === "configure");
  }
  const trapped = (() => { try { startProbe({ config: "trap" }); } catch (e) { return e as PluginStartError; } })()!;
  assert.ok(trapped.logs.some((l) => /Function: proxy_on_configure failed: Uncaught RuntimeError: unreachable/.test(l.text)));
});

test("per request: headers, response callbacks, then on_log → on_done (→ on_delete)", () => {
  const plugin = startProbe();
  assert.deepEqual(probe(plugin, "size").stream.callbacks, ["on_request_headers", "on_response_headers", "on_response_body", "on_log", "on_done"]);
  const stream = plugin.newStream();
  stream.sendRequestHeaders({ ":path": "/p", ":method": "POST", ":authority": "a", ":scheme": "http", "x-probe": "buffer" }, false);
  stream.sendRequestBody("abc", true);
  stream.resetByClient();
  assert.deepEqual(stream.callbacks, ["on_request_headers", "on_request_body", "on_log", "on_done"]);
  assert.equal(plugin.workers[0].streams.size, 0, "on_delete ran and the host forgot the context");
});
