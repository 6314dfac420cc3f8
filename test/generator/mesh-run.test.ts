// A generated mesh in a running Envoy with the real filters: the app calls a service through its
// sidecar's outbound listener; route-match picks the route, Envoy applies that route's native
// settings (header changes, fault injection) and the request comes back in through the inbound
// listener (auth-policy, access-log) to the app. Needs the filters' release builds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { generate } from "../../generator/pipeline.ts";
import { startEnvoy, type RunningEnvoy } from "../support/envoy.ts";
import { startUpstream, type Upstream } from "../support/upstream.ts";
import { freePort } from "../support/ports.ts";
import { projectRoot } from "../support/paths.ts";
import { makeEnvoyFiles } from "./support/envoy-files.ts";
import { httpGet } from "../support/http-get.ts";

const built = ["route-match", "auth-policy", "access-log"].every((f) => existsSync(join(projectRoot, "build", `${f}.wasm`)));
let envoy: RunningEnvoy;
let app: Upstream;
let outbound: number;

function send(path: string, headers: Record<string, string>) {
  return httpGet({ host: "127.0.0.1", port: outbound }, path, headers);
}

before(async () => {
  if (!built) return;
  app = await startUpstream("app");
  const [inbound, adminPort] = [await freePort(), await freePort()];
  outbound = await freePort();
  const files = makeEnvoyFiles();
  const mesh = `apiVersion: linkerd.io/v1alpha2
kind: Workload
metadata: {name: app, labels: {app: app, version: v1}}
spec: {address: 127.0.0.1, ports: [{port: ${app.port}}], serviceAccount: app}
---
apiVersion: v1
kind: Service
metadata: {name: app}
spec: {ports: [{port: 80, targetPort: ${app.port}}], selector: {app: app}}
---
apiVersion: linkerd.io/v1alpha2
kind: MeshAuth
metadata: {name: app}
spec:
  mtls: {mode: DISABLE}
  rules: [{action: DENY, to: [{operation: {paths: ["/admin*"]}}]}]
---
apiVersion: linkerd.io/v1alpha2
kind: VirtualService
metadata: {name: app}
spec:
  hosts: [app]
  http:
  - name: api
    match: [{uri: {prefix: /api}}]
    route: [{destination: {host: app, subset: v1}}]
    headers: {request: {set: {x-route: api}}}
  - name: admin
    match: [{uri: {prefix: /admin}}]
    route: [{destination: {host: app}}]
  - name: broken
    route: [{destination: {host: app}}]
    fault: {abort: {httpStatus: 503}}
`;
  const r = generate({ files: [{ path: "mesh.yaml", text: mesh }],
    options: { wasmDir: `${files.root}/wasm`, certDir: `${files.root}/certs`, inboundPort: inbound, outboundPort: outbound, adminPort } });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === "error"), []);
  envoy = await startEnvoy({ bootstrap: r.outputs[0].text, adminPort });
});

after(async () => {
  await envoy?.stop();
  await app?.close();
});

test("route-match picks the route by host and path; Envoy applies its header changes", { skip: !built && "filters not built" }, async () => {
  const res = await send("/api/items", { host: "app", "x-wasmesh-route": "vs/default/app/r2" });
  assert.equal(res.status, 200, res.body);
  const seen = JSON.parse(res.body);
  assert.equal(seen.url, "/api/items");
  assert.equal(seen.headers["x-route"], "api");
  assert.deepEqual(Object.keys(seen.headers).filter((h) => h.startsWith("x-wasmesh-")), []);
});

test("the catch-all route's fault injection answers 503 without reaching the app", { skip: !built && "filters not built" }, async () => {
  const before = app.requests.length;
  assert.equal((await send("/other", { host: "app.default.svc.cluster.local" })).status, 503);
  assert.equal(app.requests.length, before);
});

test("an unknown host gets 404; the inbound auth-policy denies /admin with 403", { skip: !built && "filters not built" }, async () => {
  const before = app.requests.length;
  assert.equal((await send("/api", { host: "nowhere" })).status, 404);
  assert.equal((await send("/admin/users", { host: "app" })).status, 403);
  // Routing and auth see the one normalized path: /api/../admin/x is /admin/x for both.
  assert.equal((await send("/api/../admin/x", { host: "app" })).status, 403);
  assert.equal(app.requests.length, before);
});
