// The example from host/README.md, kept running: a user testing a filter of their own.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startPlugin, exchange } from "../../host/index.ts";

test("README example: route-match sends /api/ to its cluster and answers 404 otherwise", () => {
  const plugin = startPlugin({
    wasm: "build/route-match.wasm",
    name: "route-match",
    config: {
      virtualHosts: [{ name: "shop", domains: ["*"], routes: [
        { id: "r0", matches: [{ path: { prefix: "/api/" } }], destinations: [{ cluster: "api", weight: 1 }] },
      ] }],
    },
    clusters: ["api"],
  });

  const hit = exchange(plugin, { method: "GET", path: "/api/items?page=2" });
  assert.equal(hit.status, 200);
  assert.equal(hit.upstream?.cluster, "api");
  assert.equal(hit.upstream?.headers.get("x-wasmesh-route"), undefined);

  const miss = exchange(plugin, { path: "/elsewhere" });
  assert.equal(miss.status, 404);
  assert.equal(miss.body, "no route matched\n");
  assert.deepEqual(miss.stream.callbacks, ["on_request_headers", "on_response_headers", "on_response_body", "on_log", "on_done"]);

  // Step by step, like proxytest: drive one stream yourself and read the action.
  const stream = plugin.newStream();
  const action = stream.sendRequestHeaders({ ":method": "GET", ":path": "/api/x", ":authority": "shop", ":scheme": "http" }, true);
  assert.equal(action, "continue");
  assert.equal(stream.currentRequestHeaders?.get("x-wasmesh-cluster"), "api");
  stream.sendResponseHeaders({ ":status": "200" }, true);
  stream.complete();
  assert.deepEqual(plugin.logs.filter((l) => l.level === "error"), []);
});
