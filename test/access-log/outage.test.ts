// Loss accounting with the collector down, hanging or failing: requests are unaffected, and
// every record handed to the collector sink ends in exactly one of sent, failed or dropped.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { startMesh, baseConfig, collectorSink, eventually, type Mesh } from "./harness.ts";

const meshes: Mesh[] = [];
after(async () => { for (const m of meshes) await m.stop(); });

async function send(mesh: Mesh, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const started = Date.now();
    const res = await fetch(`${mesh.base}/o/${i}`);
    assert.equal(res.status, 200);
    await res.arrayBuffer();
    assert.ok(Date.now() - started < 1000, "a request waited on the log sink");
  }
}

async function settled(mesh: Mesh, produced: number): Promise<Record<string, number>> {
  let s: Record<string, number> = {};
  await eventually(async () => {
    s = await mesh.stats();
    return s["wasmesh_access.collector_pending"] === 0 &&
      s["wasmesh_access.collector_sent"] + s["wasmesh_access.collector_failed"] + s["wasmesh_access.collector_dropped"] === produced;
  }, 10000);
  return s;
}

test("collector port closed: requests unaffected; sent + failed + dropped equals what was produced", async () => {
  const mesh = await startMesh(baseConfig({ sinks: { collector: collectorSink("collector", { batchSize: 10, maxBuffered: 30 }) } }),
    { collector: "down" });
  meshes.push(mesh);
  await send(mesh, 300);
  const s = await settled(mesh, 300);
  assert.equal(s["wasmesh_access.records_logged"], 300);
  assert.equal(s["wasmesh_access.collector_sent"], 0);
  assert.equal(s["wasmesh_access.collector_failed"] + s["wasmesh_access.collector_dropped"], 300);
  assert.ok(s["wasmesh_access.collector_failed"] > 0);
  assert.equal(s["wasmesh_access.collector_pending"], 0);
});

test("a hanging collector fills the bounded buffer: the overflow is dropped, the timed-out calls failed", async () => {
  const sockets = new Set<Socket>();
  const hang: Server = createServer((sock) => { sockets.add(sock); sock.on("error", () => {}); });
  await new Promise<void>((r) => hang.listen(0, "127.0.0.1", r));
  const port = (hang.address() as AddressInfo).port;
  try {
    const mesh = await startMesh(baseConfig({
      sinks: { collector: collectorSink("hang", { batchSize: 5, maxBuffered: 20, timeoutMs: 1500, flushIntervalMs: 50 }) },
    }), { clusters: { hang: port } });
    meshes.push(mesh);
    await send(mesh, 200);
    // Counters reach Envoy on the next metrics flush.
    let during: Record<string, number> = {};
    await eventually(async () => (during = await mesh.stats())["wasmesh_access.collector_dropped"] > 0, 3000);
    assert.ok(during["wasmesh_access.collector_dropped"] > 0, "nothing was dropped");
    assert.ok(during["wasmesh_access.collector_pending"] <= 20 + 4 * 5, `pending ${during["wasmesh_access.collector_pending"]}`);
    const s = await settled(mesh, 200);
    assert.equal(s["wasmesh_access.collector_sent"], 0);
    assert.ok(s["wasmesh_access.collector_failed"] > 0);
    assert.equal(s["wasmesh_access.collector_failed"] + s["wasmesh_access.collector_dropped"], 200);
  } finally {
    for (const sock of sockets) sock.destroy();
    await new Promise<void>((r) => hang.close(() => r()));
  }
});

test("a collector answering 500 counts its records as failed; a recovered one as sent", async () => {
  const mesh = await startMesh(baseConfig({ sinks: { collector: collectorSink("collector", { batchSize: 10 }) } }), { collector: "up" });
  meshes.push(mesh);
  mesh.collector!.status = 500;
  await send(mesh, 40);
  let s = await settled(mesh, 40);
  assert.deepEqual([s["wasmesh_access.collector_sent"], s["wasmesh_access.collector_failed"], s["wasmesh_access.collector_dropped"]], [0, 40, 0]);
  mesh.collector!.status = 200;
  await send(mesh, 25); // 2 full batches, the last 5 by the timer
  s = await settled(mesh, 65);
  assert.deepEqual([s["wasmesh_access.collector_sent"], s["wasmesh_access.collector_failed"], s["wasmesh_access.collector_dropped"]], [25, 40, 0]);
  assert.equal(mesh.collector!.records.length, 25);
});
