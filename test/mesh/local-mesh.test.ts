// The README's tour on the process mesh: `wasmesh up mesh` brings up every app and Envoy sidecar,
// the tour's requests behave as documented, and stopping leaves no process behind.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { meshUp, type RunningMesh } from "../../scripts/mesh/up.ts";
import { projectRoot } from "../support/paths.ts";
import { get } from "./client.ts";

const token = readFileSync(join(projectRoot, "mesh", "demo-token.jwt"), "utf8").trim();
const stateDir = mkdtempSync(join(tmpdir(), "wasmesh-mesh-"));
const records: string[] = [];
let mesh: RunningMesh;

before(async () => {
  mesh = await meshUp({ meshDir: join(projectRoot, "mesh"), stateDir, print: (line) => records.push(line) });
});

after(async () => {
  await mesh?.stop();
});

const frontend = (path: string, extra: Record<string, string> = {}) =>
  get(path, { host: "frontend", authorization: `Bearer ${token}`, ...extra });

test("a JWT-authorized call crosses the mesh: ingress → frontend → catalog → ratings over mTLS", async () => {
  const r = await frontend("/api/products", { "x-user-id": "u-1" });
  assert.equal(r.status, 200, r.body);
  const body = JSON.parse(r.body);
  assert.equal(body.service, "frontend");
  assert.equal(body.user, "alice", "the token's sub is copied to x-user");
  const catalog = body.calls[0];
  assert.equal(catalog.status, 200);
  assert.equal(catalog.body.service, "catalog");
  assert.equal(catalog.body.calls[0].body.service, "ratings");
});

test("without a token the API is denied; a tampered token is a 401", async () => {
  const missing = await get("/api/products", { host: "frontend" });
  assert.equal(missing.status, 403);
  const [h, p, s] = token.split(".");
  const tampered = `${h}.${p.slice(0, -2)}${p.endsWith("A") ? "B" : "A"}${p.slice(-1)}.${s}`;
  const bad = await get("/api/products", { host: "frontend", authorization: `Bearer ${tampered}` });
  assert.equal(bad.status, 401);
  assert.match(String(bad.headers["www-authenticate"]), /Bearer/);
});

test("the deny rule answers 403 and names itself", async () => {
  const r = await frontend("/admin/users");
  assert.equal(r.status, 403);
  assert.match(r.body, /meshauth\/shop\/frontend-policy\/r0/);
});

test("only the frontend's identity may call the catalog (the ingress may not)", async () => {
  const r = await get("/items", { host: "catalog" });
  assert.equal(r.status, 403);
});

test("the catalog canary splits about 90/10 and keeps each user on one version", async () => {
  const versions: Record<string, number> = { v1: 0, v2: 0 };
  for (let i = 0; i < 200; i++) {
    const r = await frontend("/api/products", { "x-user-id": `user-${i}` });
    versions[JSON.parse(r.body).calls[0].body.version]++;
  }
  assert.ok(versions.v2 >= 6 && versions.v2 <= 40, `v2 got ${versions.v2} of 200`);
  const first = JSON.parse((await frontend("/api/products", { "x-user-id": "sticky" })).body).calls[0].body.version;
  for (let i = 0; i < 10; i++) {
    const again = JSON.parse((await frontend("/api/products", { "x-user-id": "sticky" })).body).calls[0].body.version;
    assert.equal(again, first);
  }
});

test("a tester's header pins them to the new version", async () => {
  for (let i = 0; i < 5; i++) {
    const r = await frontend("/api/products", { "x-user-id": `tester-${i}`, "x-canary": "always" });
    assert.equal(JSON.parse(r.body).calls[0].body.version, "v2");
  }
});

test("the external ServiceEntry is reachable through the mesh", async () => {
  const r = await get("/charge", { host: "payments.example.com" });
  assert.equal(r.status, 200);
  assert.equal(JSON.parse(r.body).service, "payments");
});

test("access records reach stdout and the collector; auth metrics reach Prometheus", async () => {
  await frontend("/api/products", { "x-user-id": "u-log" });
  await new Promise((r) => setTimeout(r, 1500));
  const frontendRecords = records.filter((l) => l.startsWith("frontend")).map((l) => JSON.parse(l.slice(l.indexOf("│") + 1)));
  const allowed = frontendRecords.find((r) => r.auth_decision === "allow meshauth/shop/frontend-policy/r1");
  assert.ok(allowed, "an allowed API call is logged with its rule");
  assert.equal(allowed.peer, "spiffe://mesh.local/ns/shop/sa/ingress");
  const collector = await (await fetch("http://127.0.0.30:4318/records")).json();
  assert.ok(collector.received > 0, "the collector received records");
  const stats = await (await fetch("http://127.0.0.11:15000/stats/prometheus")).text();
  assert.match(stats, /^wasmesh_\S+ \d+/m);
});

test("stopping the mesh leaves no process and no pid file", async () => {
  const pids = mesh.supervisor.running.map((r) => r.child.pid!);
  await mesh.stop();
  for (const pid of pids) {
    assert.throws(() => process.kill(pid, 0), "process " + pid + " is still alive");
  }
  assert.equal(existsSync(join(stateDir, "mesh.pid.json")), false);
});
