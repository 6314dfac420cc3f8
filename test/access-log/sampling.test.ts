// Sampling and filters on real Envoy, the Istio text preset, Envoy-generated failures, and
// configuration rejection.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startMesh, baseConfig, eventually, type Mesh } from "./harness.ts";
import { freePort } from "../support/ports.ts";
import { startEnvoy, EnvoyExitedError } from "../support/envoy.ts";
import { testBootstrap } from "../support/bootstrap.ts";

const meshes: Mesh[] = [];
after(async () => { for (const m of meshes) await m.stop(); });

async function mesh(config: Record<string, unknown>): Promise<Mesh> {
  const deadPort = await freePort(); // a cluster whose only endpoint refuses connections
  const m = await startMesh(config, {
    clusters: { dead: deadPort },
    routes: [
      { name: "dead", match: { prefix: "/dead" }, route: { cluster: "dead" } },
      { name: "local", match: { prefix: "/local" }, direct_response: { status: 418, body: { inline_string: "teapot" } } },
    ],
  });
  meshes.push(m);
  return m;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s)) { h ^= b; h = Math.imul(h, 0x01000193) >>> 0; }
  return h % 10000;
}

test("percent sampling keeps the requests whose x-request-id hashes below the share, errors always", async () => {
  const m = await mesh(baseConfig({ sampling: { percent: 30, keepErrors: true } }));
  const ids = Array.from({ length: 200 }, (_, i) => `sample-${i}`);
  for (const id of ids) await (await fetch(`${m.base}/s`, { headers: { "x-request-id": id } })).arrayBuffer();
  for (let i = 0; i < 5; i++) {
    assert.equal((await fetch(`${m.base}/dead/${i}`, { headers: { "x-request-id": `dead-${i}` } })).status, 503);
  }
  const expected = ids.filter((id) => fnv1a(id) < 3000);
  assert.ok(expected.length > 40 && expected.length < 80);
  assert.ok(await eventually(() => m.lines().length === expected.length + 5));
  const recs = m.lines().map((l) => JSON.parse(l));
  assert.deepEqual(recs.filter((r) => r.request_id.startsWith("sample-")).map((r) => r.request_id), expected);
  const dead = recs.filter((r) => r.request_id.startsWith("dead-"));
  assert.equal(dead.length, 5);
  for (const r of dead) {
    assert.equal(r.response_code, 503);
    assert.equal(r.response_flags, "UF");
    assert.equal(r.route, "dead");
    assert.equal(r.upstream_cluster, "dead");
  }
  let s: Record<string, number> = {};
  await eventually(async () => (s = await m.stats())["wasmesh_access.requests.dead.5xx"] === 5 &&
    s["wasmesh_access.records_sampled_out"] + s["wasmesh_access.records_logged"] === 205, 3000);
  assert.equal(s["wasmesh_access.records_sampled_out"], 200 - expected.length);
  assert.equal(s["wasmesh_access.requests.dead.5xx"], 5);
});

test("slow requests are always kept; filters on status, duration and headers are absolute", async () => {
  const slow = await mesh(baseConfig({ sampling: { percent: 0, keepErrors: false, keepSlowerThanMs: 0 } }));
  await (await fetch(`${slow.base}/x`, { headers: { "x-request-id": "slow-1" } })).arrayBuffer();
  assert.ok(await eventually(() => slow.lines().length === 1));

  const none = await mesh(baseConfig({ sampling: { percent: 0, keepErrors: false } }));
  await (await fetch(`${none.base}/dead`)).arrayBuffer();
  await (await fetch(`${none.base}/x`)).arrayBuffer();
  assert.ok(await eventually(async () => (await none.stats())["wasmesh_access.records_sampled_out"] === 2));
  assert.equal(none.lines().length, 0);

  const filtered = await mesh(baseConfig({ filters: { statusMin: 400, statusMax: 499, headerPresent: ["x-debug"] } }));
  await (await fetch(`${filtered.base}/local`, { headers: { "x-debug": "1", "x-request-id": "f-1" } })).arrayBuffer();
  await (await fetch(`${filtered.base}/local`, { headers: { "x-request-id": "f-2" } })).arrayBuffer();
  await (await fetch(`${filtered.base}/x`, { headers: { "x-debug": "1", "x-request-id": "f-3" } })).arrayBuffer();
  await (await fetch(`${filtered.base}/dead`, { headers: { "x-debug": "1", "x-request-id": "f-4" } })).arrayBuffer();
  assert.ok(await eventually(async () => (await filtered.stats())["wasmesh_access.requests.local.4xx"] === 2));
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(filtered.lines().map((l) => JSON.parse(l).request_id), ["f-1"]);
  assert.ok(await eventually(async () => (await filtered.stats())["wasmesh_access.records_filtered_out"] === 3, 3000));
  const rec = JSON.parse(filtered.lines()[0]);
  assert.equal(rec.response_code, 418);
  assert.equal(rec.route, "local");
  assert.equal(rec.upstream_host, null);
});

test("format text without a template writes Istio's default line", async () => {
  const m = await mesh(baseConfig({ format: "text", fields: [] }));
  await (await fetch(`${m.base}/istio?a=1`, { headers: { "x-request-id": "istio-1", "user-agent": "ua/1" } })).arrayBuffer();
  assert.ok(await eventually(() => m.lines().length === 1));
  const line = m.lines()[0];
  const authority = m.base.slice("http://".length);
  const re = new RegExp(String.raw`^\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\] "GET /istio\?a=1 HTTP/1\.1" 200 - via_upstream - "-" 0 \d+ \d+ \d+ "-" "ua/1" "istio-1" "${authority.replace(/\./g, "\\.")}" "127\.0\.0\.1:${m.upstream.port}" reviews 127\.0\.0\.1:\d+ 127\.0\.0\.1:\d+ 127\.0\.0\.1:\d+ - vs/shop/reviews/r0$`);
  assert.match(line, re);
});

test("Envoy refuses configurations the filter rejects", async () => {
  const bad: Record<string, unknown>[] = [
    baseConfig({ format: "xml" }),
    baseConfig({ fields: ["method", "nope"] }),
    baseConfig({ format: "text", template: "%NOPE%" }),
    baseConfig({ unknown: 1 }),
    baseConfig({ sampling: { percent: 101, keepErrors: true } }),
    baseConfig({ sinks: {} }),
    baseConfig({ sinks: { collector: { cluster: "c", authority: "a", path: "/v1/logs", batchSize: 10, flushIntervalMs: 100, maxBuffered: 5, timeoutMs: 100 } } }),
    baseConfig({ redact: { headers: [], queryParams: [], cookies: [], mode: "scramble" } }),
  ];
  for (const config of bad) {
    const [adminPort, listenerPort] = [await freePort(), await freePort()];
    await assert.rejects(
      startEnvoy({ adminPort, bootstrap: testBootstrap({ adminPort, listenerPort, filters: [{ filter: "access-log", config, failurePolicy: "FAIL_OPEN" }], clusters: {} }) }),
      (err: unknown) => {
        assert.ok(err instanceof EnvoyExitedError, String(err));
        assert.match(err.log, /access-log: invalid configuration, rejected/);
        return true;
      },
    );
  }
});

test("a request an earlier filter denied with a local reply is still logged, with its decision", async () => {
  const m = await mesh(baseConfig());
  const res = await fetch(`${m.base}/admin?token=x`, { headers: { "x-test-auth": "deny policy/r2", "x-test-deny": "1", "x-request-id": "denied-1" } });
  assert.equal(res.status, 403);
  assert.ok(await eventually(() => m.lines().length === 1));
  const rec = JSON.parse(m.lines()[0]);
  assert.equal(rec.request_id, "denied-1");
  assert.equal(rec.response_code, 403);
  assert.equal(rec.method, "GET");
  assert.equal(rec.path, "/admin?token=[REDACTED]");
  assert.equal(rec.auth_decision, "deny policy/r2");
  assert.equal(rec.upstream_host, null);
  assert.equal(m.upstream.requests.length, 0);
  assert.ok(await eventually(async () => (await m.stats())["wasmesh_access.auth.deny"] === 1, 3000));
});
