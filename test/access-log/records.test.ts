// Records on real Envoy: one per request, with the fields Envoy knows, on stdout and at the
// collector (OTLP/HTTP JSON), plus the metrics in /stats/prometheus.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startMesh, baseConfig, collectorSink, eventually, ROUTE_ID, type Mesh } from "./harness.ts";
import { attribute } from "./collector.ts";

const N = 1000;
let mesh: Mesh;

before(async () => {
  mesh = await startMesh(baseConfig({ sinks: { stdout: true, collector: collectorSink() } }), { collector: "up" });
});
after(async () => mesh?.stop());

async function inParallel(count: number, width: number, send: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) await send(next++);
  }));
}

test("1,000 requests give exactly 1,000 records on stdout and at the collector, with the right fields", async () => {
  const sizes = new Map<string, number>();
  await inParallel(N, 8, async (i) => {
    const id = `req-${i}`;
    const res = await fetch(`${mesh.base}/items/${i}?page=${i % 7}`, {
      method: i % 10 === 0 ? "POST" : "GET",
      body: i % 10 === 0 ? "x".repeat(i) : undefined,
      headers: {
        "x-request-id": id, "user-agent": `tester/${i}`, "x-custom": `c${i}`,
        traceparent: `00-${i.toString(16).padStart(32, "a")}-00f067aa0ba902b7-01`,
        ...(i % 3 === 0 ? { "x-test-auth": `allow rule-${i % 5}` } : {}),
      },
    });
    assert.equal(res.status, 200);
    sizes.set(id, (await res.arrayBuffer()).byteLength);
  });
  assert.ok(await eventually(() => mesh.collector!.records.length >= N && mesh.lines().length >= N, 10000),
    `collector ${mesh.collector!.records.length}, stdout ${mesh.lines().length}`);
  await new Promise((r) => setTimeout(r, 300)); // nothing more may arrive
  const lines = mesh.lines();
  assert.equal(lines.length, N);
  assert.equal(mesh.collector!.records.length, N);

  const byId = new Map<string, any>();
  for (const line of lines) {
    const rec = JSON.parse(line);
    assert.ok(!byId.has(rec.request_id), `duplicate record for ${rec.request_id}`);
    byId.set(rec.request_id, rec);
  }
  for (let i = 0; i < N; i++) {
    const rec = byId.get(`req-${i}`);
    assert.ok(rec, `no record for req-${i}`);
    assert.equal(rec.workload, "reviews");
    assert.equal(rec.method, i % 10 === 0 ? "POST" : "GET");
    assert.equal(rec.path, `/items/${i}?page=${i % 7}`);
    assert.equal(rec.authority, mesh.base.slice("http://".length));
    assert.equal(rec.protocol, "HTTP/1.1");
    assert.equal(rec.response_code, 200);
    assert.equal(rec.response_flags, "-");
    assert.equal(rec.bytes_received, i % 10 === 0 ? i : 0);
    assert.equal(rec.bytes_sent, sizes.get(`req-${i}`));
    assert.ok(Number.isInteger(rec.duration) && rec.duration >= 0);
    assert.ok(Number.isInteger(rec.upstream_duration) && rec.upstream_duration <= rec.duration);
    assert.equal(rec.upstream_host, `127.0.0.1:${mesh.upstream.port}`);
    assert.equal(rec.upstream_cluster, "reviews");
    assert.equal(rec.route, ROUTE_ID);
    assert.equal(rec.trace_id, i.toString(16).padStart(32, "a"));
    assert.equal(rec.traceparent, `00-${rec.trace_id}-00f067aa0ba902b7-01`);
    assert.equal(rec.user_agent, `tester/${i}`);
    assert.equal(rec.peer, null); // plaintext: no peer certificate
    assert.equal(rec.auth_decision, i % 3 === 0 ? `allow rule-${i % 5}` : null);
    assert.match(rec.source_address, /^127\.0\.0\.1:\d+$/);
    assert.match(rec.start_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(Math.abs(Date.parse(rec.start_time) - Date.now()) < 120_000);
    assert.equal(rec["req.x-custom"], `c${i}`);
    assert.equal(rec["resp.x-upstream"], "reviews");
  }

  const otlp = new Map(mesh.collector!.records.map((r) => [attribute(r, "request_id"), r]));
  assert.equal(otlp.size, N);
  for (let i = 0; i < N; i += 37) {
    const r = otlp.get(`req-${i}`)!;
    assert.equal(r.body.stringValue, lines.find((l) => JSON.parse(l).request_id === `req-${i}`));
    assert.equal(attribute(r, "response_code"), "200");
    assert.equal(attribute(r, "route"), ROUTE_ID);
    assert.equal(attribute(r, "req.x-custom"), `c${i}`);
    assert.equal(r.traceId, i.toString(16).padStart(32, "a"));
    assert.equal(BigInt(r.timeUnixNano) / 1_000_000n, BigInt(Date.parse(JSON.parse(r.body.stringValue).start_time)));
  }
  for (const p of mesh.collector!.paths) assert.equal(p, "POST /v1/logs application/json otel-collector");

  // Counters reach Envoy on the filter's metrics flush (default every 1 s), so poll with a deadline.
  let stats: Record<string, number> = {};
  await eventually(async () => {
    stats = await mesh.stats();
    return stats["wasmesh_access.records_logged"] === N && stats["wasmesh_access.collector_sent"] === N;
  }, 3000);
  assert.equal(stats["wasmesh_access.records_logged"], N);
  assert.equal(stats["wasmesh_access.stdout_written"], N);
  assert.equal(stats["wasmesh_access.collector_sent"], N);
  assert.equal(stats["wasmesh_access.collector_failed"], 0);
  assert.equal(stats["wasmesh_access.collector_dropped"], 0);
  assert.equal(stats["wasmesh_access.collector_pending"], 0);
});

test("metrics by route and status class, durations and auth decisions are in /stats/prometheus", async () => {
  const before = await mesh.stats();
  assert.equal((await fetch(`${mesh.base}/m`, { headers: { "x-test-auth": "deny rule-9" } })).status, 200);
  assert.ok(await eventually(async () => (await mesh.stats())["wasmesh_access.auth.deny"] === 1));
  let prom = "";
  assert.ok(await eventually(async () => {
    prom = await (await fetch(`${mesh.envoy.adminUrl}/stats/prometheus`)).text();
    return /^wasmesh_access_duration_ms_count\{\} [1-9]/m.test(prom);
  }), prom.split("\n").filter((l) => l.includes("wasmesh")).join("\n"));
  const routeCount = Number(/^wasmesh_access_requests_vs_shop_reviews_r0_2xx\{\} (\d+)/m.exec(prom)?.[1]);
  assert.equal(routeCount, (before["wasmesh_access.requests.vs_shop_reviews_r0.2xx"] ?? 0) + 1);
  assert.match(prom, /^# TYPE wasmesh_access_duration_ms histogram$/m);
  assert.match(prom, /^wasmesh_access_auth_allow\{\} \d+$/m);
  assert.match(prom, /^wasmesh_access_auth_deny\{\} 1$/m);
  assert.match(prom, /^wasmesh_access_auth_none\{\} \d+$/m);
  for (const name of ["records_logged", "records_sampled_out", "stdout_written", "collector_sent",
    "collector_failed", "collector_dropped"]) {
    assert.match(prom, new RegExp(`^wasmesh_access_${name}\\{\\} \\d+$`, "m"));
  }
});
