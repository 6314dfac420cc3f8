// On real Envoy: the counters access-log sums in guest memory reach /stats/prometheus exactly on
// the next metrics flush (default every 1 s), and at once with metricsFlushMs 0.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startMesh, baseConfig, eventually, type Mesh } from "./harness.ts";

const meshes: Mesh[] = [];
after(async () => { await Promise.all(meshes.map((m) => m.stop())); });

const N = 60;

async function prometheus(mesh: Mesh): Promise<Record<string, number>> {
  const text = await (await fetch(`${mesh.envoy.adminUrl}/stats/prometheus`)).text();
  return Object.fromEntries([...text.matchAll(/^(wasmesh_access_\w+)\{\} (\S+)$/gm)].map((m) => [m[1], Number(m[2])]));
}

async function sendAndCount(flush: Record<string, unknown>): Promise<Record<string, number>> {
  const mesh = await startMesh(baseConfig({ ...flush }));
  meshes.push(mesh);
  for (let i = 0; i < N; i++) {
    const res = await fetch(`${mesh.base}/f/${i}`, { headers: i % 2 ? { "x-test-auth": "deny rule-1" } : {} });
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  }
  let stats: Record<string, number> = {};
  // A deadline of two flush intervals and some slack, never a fixed sleep. The histogram is
  // recorded per request, but Envoy merges histograms on its stats flush (0.2 s here).
  await eventually(async () => {
    stats = await prometheus(mesh);
    return stats.wasmesh_access_records_logged === N && stats.wasmesh_access_requests_vs_shop_reviews_r0_2xx === N &&
      stats.wasmesh_access_auth_deny === N / 2 && stats.wasmesh_access_duration_ms_count === N;
  }, 3000);
  return stats;
}

for (const [name, flush] of [["default flush (1 s)", {}], ["metricsFlushMs 0", { metricsFlushMs: 0 }]] as const) {
  test(`${name}: after ${N} requests every counter reaches exactly its count`, async () => {
    const s = await sendAndCount(flush);
    assert.equal(s.wasmesh_access_records_logged, N);
    assert.equal(s.wasmesh_access_stdout_written, N);
    assert.equal(s.wasmesh_access_requests_vs_shop_reviews_r0_2xx, N);
    assert.equal(s.wasmesh_access_auth_deny, N / 2);
    assert.equal(s.wasmesh_access_auth_none, N / 2);
    assert.equal(s.wasmesh_access_records_sampled_out, 0);
    assert.equal(s.wasmesh_access_duration_ms_count, N);
  });
}
