// On the TS host: access-log reads a record's attributes through one CEL list (expr_evaluate)
// where the host has Envoy's CEL foreign functions, and one proxy_get_property each where it has
// not (celExpressions: false), or when an evaluation fails ("failing"). Every path must write the
// same records, byte for byte, for every field and every kind of request, and make the host
// calls it is meant to.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startPlugin, exchange, type RequestSpec } from "../../host/index.ts";
import { wasmPath } from "../support/paths.ts";
import { baseConfig } from "./harness.ts";

const SPIFFE = "spiffe://cluster.local/ns/shop/sa/web";
const TEXT_ALL = "%START_TIME% %REQ(:METHOD)% %PROTOCOL% %RESPONSE_CODE% %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% " +
  "rx=%BYTES_RECEIVED% tx=%BYTES_SENT% d=%DURATION% ud=%RESPONSE_DURATION% up=%UPSTREAM_HOST% c=%UPSTREAM_CLUSTER% " +
  "r=%ROUTE_NAME% src=%DOWNSTREAM_REMOTE_ADDRESS% dst=%DOWNSTREAM_LOCAL_ADDRESS% ul=%UPSTREAM_LOCAL_ADDRESS% " +
  "sni=%REQUESTED_SERVER_NAME% term=%CONNECTION_TERMINATION_DETAILS% utf=%UPSTREAM_TRANSPORT_FAILURE_REASON% " +
  "peer=%PEER% auth=%AUTH_DECISION% tid=%TRACE_ID%";

const CONFIGS: Record<string, object> = {
  "JSON, every field, every record kept (one list)": baseConfig(),
  "JSON, every field, 50 % sampled keeping errors (essentials, then details)": baseConfig({ sampling: { percent: 50, keepErrors: true } }),
  "JSON without response_flags, filtered to 2xx–4xx": baseConfig({
    fields: ["response_code", "duration", "route", "upstream_host", "peer", "bytes_sent"],
    filters: { statusMin: 200, statusMax: 499 } }),
  "text, every attribute of the template": baseConfig({ format: "text", fields: [], template: TEXT_ALL }),
  "sampled out, errors kept": baseConfig({ sampling: { percent: 0, keepErrors: true } }),
};

const REQUESTS: RequestSpec[] = [
  { path: "/api/items?page=2", headers: { "x-request-id": "rid-1", "user-agent": "curl/8", traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" } },
  { method: "POST", path: "/api/orders", body: "0123456789", peer: { uriSan: SPIFFE }, headers: { "x-request-id": "rid-2" } },
  { path: "/gone", headers: { "x-request-id": "rid-3" } },
  { path: "/nowhere", headers: { "x-request-id": "rid-4" } },
  { path: "/broken/x", headers: { "x-request-id": "rid-5" } },
  ...Array.from({ length: 12 }, (_, i): RequestSpec => ({ path: `/api/n/${i}`, headers: { "x-request-id": `sampled-${i}` } })),
];

function run(config: object, celExpressions: boolean | "failing") {
  const plugin = startPlugin({ wasm: wasmPath("access-log"), name: "access-log", config: JSON.stringify({ ...config, metricsFlushMs: 0 }),
    celExpressions, clusters: ["api"], startTimeMs: 1_795_589_519_506,
    routes: [
      { name: "shop-api", match: { prefix: "/api/" }, route: { cluster: "api" } },
      { name: "shop-gone", match: { prefix: "/gone" }, direct_response: { status: 410, body: { inline_string: "gone\n" } } },
      { name: "shop-broken", match: { prefix: "/broken/" }, route: { cluster: "missing" } },
    ] });
  plugin.hostCalls.clear();
  for (const r of REQUESTS) exchange(plugin, r);
  const lines = plugin.logs.filter((l) => l.level === "info" && !l.message.startsWith("access-log")).map((l) => l.message);
  return { lines, calls: plugin.hostCalls, metrics: plugin.metrics };
}

for (const [name, config] of Object.entries(CONFIGS)) {
  test(`${name}: the batched and the per-property paths write the same records`, () => {
    const batched = run(config, true), single = run(config, false);
    assert.ok(single.lines.length > 0 || name.startsWith("sampled out"), "records were written");
    assert.deepEqual(batched.lines, single.lines);
    const n = REQUESTS.length;
    const foreign = batched.calls.get("proxy_call_foreign_function") ?? 0;
    assert.ok(foreign >= n && foreign <= 2 * n, `one or two expr_evaluate per record (${foreign} for ${n})`);
    assert.equal(single.calls.get("proxy_call_foreign_function") ?? 0, 0, "no CEL: no expr_evaluate after the refused expr_create");
    // Every attribute, the auth decision (filter state) included, comes through the lists.
    assert.equal(batched.calls.get("proxy_get_property") ?? 0, 0, "no property read on the batched path");
    assert.ok((single.calls.get("proxy_get_property") ?? 0) >= 4 * n, `${single.calls.get("proxy_get_property")} property reads one by one`);
  });

  test(`${name}: when Envoy fails an evaluation, that record reads its attributes one by one and is the same`, () => {
    const failing = run(config, "failing"), single = run(config, false);
    assert.deepEqual(failing.lines, single.lines);
    assert.ok((failing.calls.get("proxy_call_foreign_function") ?? 0) >= REQUESTS.length);
    assert.equal(failing.calls.get("proxy_get_property"), single.calls.get("proxy_get_property"));
  });
}

test("every field is what the host knows, on the batched path (JSON, mTLS POST and a direct response)", () => {
  const { lines } = run(baseConfig(), true);
  const post = JSON.parse(lines[1]), gone = JSON.parse(lines[2]), broken = JSON.parse(lines[4]);
  assert.equal(post.peer, SPIFFE);
  assert.equal(post.bytes_received, 10);
  assert.equal(post.response_code, 200);
  assert.equal(post.protocol, "HTTP/1.1");
  assert.equal(post.route, "shop-api");
  assert.equal(post.upstream_cluster, "api");
  assert.match(post.upstream_host, /:\d+$/);
  assert.match(post.source_address, /:\d+$/);
  assert.equal(post.start_time, new Date(1_795_589_519_506).toISOString());
  assert.equal(gone.response_code, 410);
  assert.equal(gone.upstream_host, null);
  assert.equal(gone.peer, null);
  assert.equal(broken.response_code, 503);
  assert.equal(broken.response_flags, "NC");
});
