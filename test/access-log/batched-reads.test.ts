// On real Envoy 1.40: access-log compiles its attribute lists with expr_create at on_configure and
// reads each record's attributes with expr_evaluate; every attribute a text template can print
// comes out as Envoy knows it, for a POST with a body, a direct response and an upstream that
// refuses the connection (absent attributes read as unknown and never fail the record). The auth
// decision another plugin set with proxy_set_property comes through the list too, as CEL's
// filter_state["wasm.wasmesh.auth"].
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startMesh, baseConfig, eventually, ROUTE_ID, type Mesh } from "./harness.ts";
import { freePort } from "../support/ports.ts";

const TOKENS = ["START_TIME", "PROTOCOL", "RESPONSE_CODE", "RESPONSE_FLAGS", "RESPONSE_CODE_DETAILS", "BYTES_RECEIVED",
  "BYTES_SENT", "DURATION", "RESPONSE_DURATION", "UPSTREAM_HOST", "UPSTREAM_CLUSTER", "ROUTE_NAME",
  "DOWNSTREAM_REMOTE_ADDRESS", "DOWNSTREAM_LOCAL_ADDRESS", "UPSTREAM_LOCAL_ADDRESS", "REQUESTED_SERVER_NAME",
  "CONNECTION_TERMINATION_DETAILS", "UPSTREAM_TRANSPORT_FAILURE_REASON", "PEER", "AUTH_DECISION"];
const TEMPLATE = "rec " + ["%REQ(X-REQUEST-ID)%", ...TOKENS.map((t) => `%${t}%`)].join(" ~ ");

// One list per record (every record kept), and essentials then details (a filter decides first).
const VARIANTS: Record<string, object> = {
  "one list": {},
  "two lists": { filters: { statusMin: 100, statusMax: 599 } },
};
const meshes: Record<string, Mesh> = {};
/** A cluster whose one endpoint refuses connections. */
let refusing = 0;
before(async () => {
  refusing = await freePort();
  await Promise.all(Object.entries(VARIANTS).map(async ([name, over]) => {
    meshes[name] = await startMesh(baseConfig({ format: "text", fields: [], template: TEMPLATE, ...over }), {
      clusters: { refusing },
      routes: [
        { name: "gone", match: { prefix: "/gone" }, direct_response: { status: 410, body: { inline_string: "gone\n" } } },
        { name: "to-refusing", match: { prefix: "/down" }, route: { cluster: "refusing" } },
      ],
    });
  }));
});
after(async () => { await Promise.all(Object.values(meshes).map((m) => m.stop())); });

/** The record of request `id` as token → printed value. */
async function record(mesh: Mesh, id: string): Promise<Record<string, string>> {
  let line: string | undefined;
  await eventually(() => (line = mesh.lines().find((l) => l.startsWith(`rec ${id} ~ `))) !== undefined);
  assert.ok(line, `a record for ${id}`);
  // " ~ " apart: response code details may hold "|" (Envoy's own separator).
  const values = line.slice(4).split(" ~ ").slice(1);
  return Object.fromEntries(TOKENS.map((t, i) => [t, values[i]]));
}

for (const name of Object.keys(VARIANTS)) {
  test(`${name}: Envoy compiles the filter's CEL lists, so records read their attributes through expr_evaluate`, () => {
    const log = meshes[name].envoy.log();
    assert.match(log, /access-log: attributes read through CEL lists \(expr_evaluate\)/);
    assert.doesNotMatch(log, /attributes read one by one/);
  });

  test(`${name}: a proxied POST, every attribute as Envoy knows it`, async () => {
    const mesh = meshes[name];
    const t0 = Date.now();
    const res = await fetch(`${mesh.base}/items`, { method: "POST", body: "0123456789", headers: { "x-request-id": "post-1", "x-test-auth": "allow shop/r1" } });
    const body = await res.text();
    assert.equal(res.status, 200);
    const r = await record(mesh, "post-1");
    const start = Date.parse(r.START_TIME);
    assert.ok(start >= t0 - 1000 && start <= Date.now(), `START_TIME ${r.START_TIME}`);
    assert.equal(r.PROTOCOL, "HTTP/1.1");
    assert.equal(r.RESPONSE_CODE, "200");
    assert.equal(r.RESPONSE_FLAGS, "-");
    assert.equal(r.RESPONSE_CODE_DETAILS, "via_upstream");
    assert.equal(r.BYTES_RECEIVED, "10");
    assert.equal(r.BYTES_SENT, String(Buffer.byteLength(body)));
    assert.match(r.DURATION, /^\d+$/);
    assert.match(r.RESPONSE_DURATION, /^\d+$/);
    assert.equal(r.UPSTREAM_HOST, `127.0.0.1:${mesh.upstream.port}`);
    assert.equal(r.UPSTREAM_CLUSTER, "reviews");
    assert.equal(r.ROUTE_NAME, ROUTE_ID);
    assert.match(r.DOWNSTREAM_REMOTE_ADDRESS, /^127\.0\.0\.1:\d+$/);
    assert.equal(r.DOWNSTREAM_LOCAL_ADDRESS, mesh.base.replace("http://", ""));
    assert.match(r.UPSTREAM_LOCAL_ADDRESS, /^127\.0\.0\.1:\d+$/);
    assert.equal(r.REQUESTED_SERVER_NAME, "-");
    assert.equal(r.UPSTREAM_TRANSPORT_FAILURE_REASON, "-");
    assert.equal(r.PEER, "-");
    assert.equal(r.AUTH_DECISION, "allow shop/r1");
  });

  test(`${name}: a direct response and a refused upstream connection: absent attributes are unknown, the rest as usual`, async () => {
    const mesh = meshes[name];
    const gone = await fetch(`${mesh.base}/gone`, { headers: { "x-request-id": "gone-1" } });
    assert.equal(await gone.text(), "gone\n");
    const g = await record(mesh, "gone-1");
    assert.equal(g.RESPONSE_CODE, "410");
    assert.equal(g.RESPONSE_CODE_DETAILS, "direct_response");
    assert.equal(g.BYTES_SENT, "5");
    assert.equal(g.UPSTREAM_HOST, "-");
    assert.equal(g.UPSTREAM_CLUSTER, "-");
    assert.equal(g.ROUTE_NAME, "gone");
    assert.equal(g.RESPONSE_DURATION, "-");
    assert.equal(g.UPSTREAM_LOCAL_ADDRESS, "-");
    const down = await fetch(`${mesh.base}/down/x`, { headers: { "x-request-id": "down-1" } });
    await down.text();
    assert.equal(down.status, 503);
    const d = await record(mesh, "down-1");
    assert.equal(d.RESPONSE_CODE, "503");
    assert.equal(d.RESPONSE_FLAGS, "UF");
    assert.match(d.RESPONSE_CODE_DETAILS, /^upstream_reset_before_response_started\{remote_connection_failure/);
    assert.equal(d.UPSTREAM_HOST, `127.0.0.1:${refusing}`);
    assert.equal(d.UPSTREAM_CLUSTER, "refusing");
    assert.equal(d.ROUTE_NAME, "to-refusing");
    assert.equal(d.RESPONSE_DURATION, "-");
    assert.equal(d.UPSTREAM_LOCAL_ADDRESS, "-");
    assert.equal(d.UPSTREAM_TRANSPORT_FAILURE_REASON, "delayed connect error: Connection refused");
    assert.equal(d.PEER, "-");
    assert.equal(d.AUTH_DECISION, "-");
  });
}
