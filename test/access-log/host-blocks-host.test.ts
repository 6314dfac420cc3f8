// On the TS host: on_log lends the host a region for the property values it reads (common/abi/
// host-blocks.ts); values too large for it, and header maps, come from the heap. Records whose
// values do not fit, between records whose values do, stay whole and their own; memory stays flat.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startPlugin, exchange } from "../../host/index.ts";
import { wasmPath } from "../support/paths.ts";
import { baseConfig } from "./harness.ts";

// Just under the region's 256-byte limit per block (lent), and well over it (heap).
const BIG_ROUTE = "vs/shop/" + "r".repeat(240);
const BIG_CLUSTER = "outbound|8080||" + "c".repeat(1200);

test("records stay whole and their own whether the values they read fit the lent region or not", () => {
  const plugin = startPlugin({ wasm: wasmPath("access-log"), name: "access-log", config: JSON.stringify(baseConfig()),
    clusters: ["api", BIG_CLUSTER],
    routes: [{ name: BIG_ROUTE, match: { prefix: "/big/" }, route: { cluster: BIG_CLUSTER } },
      { name: "vs/shop/r0", match: { prefix: "/" }, route: { cluster: "api" } }] });
  const sent: { path: string; agent: string; route: string; cluster: string }[] = [];
  const round = (from: number) => {
    for (let i = from; i < from + 60; i++) {
      const big = i % 3 === 0;
      const r = { path: big ? `/big/${i}` : `/items/${i}?page=${i}`, agent: `agent-${i}-` + "a".repeat(i % 4 === 0 ? 20_000 : i % 7),
        route: big ? BIG_ROUTE : "vs/shop/r0", cluster: big ? BIG_CLUSTER : "api" };
      sent.push(r);
      assert.equal(exchange(plugin, { path: r.path, headers: { "user-agent": r.agent } }).status, 200);
    }
  };
  round(0);
  const afterWarmup = plugin.workers[0].memoryBytes;
  for (let k = 1; k <= 5; k++) round(k * 60);
  const records = plugin.logs.filter((l) => l.message.startsWith("{")).map((l) => JSON.parse(l.message));
  assert.equal(records.length, sent.length);
  records.forEach((rec, i) => {
    assert.equal(rec.path, sent[i].path);
    assert.equal(rec.user_agent, sent[i].agent);
    assert.equal(rec.route, sent[i].route);
    assert.equal(rec.upstream_cluster, sent[i].cluster);
    assert.equal(rec.response_code, 200);
    assert.equal(rec.protocol, "HTTP/1.1");
  });
  assert.equal(plugin.workers[0].memoryBytes, afterWarmup, "300 more records must not grow linear memory");
});
