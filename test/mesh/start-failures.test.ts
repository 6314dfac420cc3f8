// `wasmesh up` refuses to start when a port it needs is taken, or when a sidecar fails, and
// leaves nothing running either way.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { meshUp } from "../../scripts/mesh/up.ts";
import { portTaken } from "../../scripts/mesh/supervisor.ts";
import { projectRoot } from "../support/paths.ts";

function listen(host: string, port: number): Promise<() => Promise<void>> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, host, () => resolve(() => new Promise((done) => server.close(() => done()))));
  });
}

test("a port already in use stops start-up before anything runs, naming the port and its user", async () => {
  const release = await listen("127.0.0.14", 15000);
  const stateDir = mkdtempSync(join(tmpdir(), "wasmesh-mesh-"));
  try {
    await assert.rejects(meshUp({ meshDir: join(projectRoot, "mesh"), stateDir, print: () => {} }),
      /ports already in use, nothing was started:\n\s+127\.0\.0\.14:15000 \(for ratings-sidecar admin\)/);
    assert.equal(existsSync(join(stateDir, "mesh.pid.json")), false);
  } finally {
    await release();
  }
});

test("a sidecar that fails to start stops every process already started and reports why", async () => {
  // An "Envoy" that answers --version (the installer's check) and refuses to start.
  const dir = mkdtempSync(join(tmpdir(), "wasmesh-fake-envoy-"));
  const fake = join(dir, "envoy");
  writeFileSync(fake, "#!/bin/sh\n[ \"$1\" = --version ] && { echo 'envoy  version: fake/1.40.0'; exit 0; }\necho 'fake envoy: refusing to start' >&2\nexit 1\n");
  chmodSync(fake, 0o755);
  const stateDir = mkdtempSync(join(tmpdir(), "wasmesh-mesh-"));
  const saved = process.env.ENVOY_BIN;
  process.env.ENVOY_BIN = fake;
  try {
    await assert.rejects(meshUp({ meshDir: join(projectRoot, "mesh"), stateDir, print: () => {} }),
      /catalog-v1-sidecar exited \(1\) during start-up:[\s\S]*fake envoy: refusing to start/);
  } finally {
    if (saved === undefined) delete process.env.ENVOY_BIN;
    else process.env.ENVOY_BIN = saved;
  }
  assert.equal(existsSync(join(stateDir, "mesh.pid.json")), false);
  for (const [host, port] of [["127.0.0.11", 8080], ["127.0.0.12", 8080], ["127.0.0.14", 8080], ["127.0.0.20", 9000], ["127.0.0.30", 4318]] as const) {
    assert.equal(await portTaken(host, port), false, `${host}:${port} is still served after the failed start`);
  }
});
