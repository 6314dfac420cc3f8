// A generated bootstrap in a running Envoy: the native steps the generator promises hold.
// The wasm filters are the noop module here (their own suites test them), so what is checked
// is Envoy's side: x-wasmesh-* headers from clients are dropped before the route is chosen,
// paths are normalized, encoded slashes and underscore headers are refused, and a request
// route-match did not tag reaches no upstream even when the client forged the tag.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { generate } from "../../generator/pipeline.ts";
import { startEnvoy, type RunningEnvoy } from "../support/envoy.ts";
import { startUpstream, type Upstream } from "../support/upstream.ts";
import { freePort } from "../support/ports.ts";
import { makeEnvoyFiles } from "./support/envoy-files.ts";
import { httpGet } from "../support/http-get.ts";

let envoy: RunningEnvoy;
let app: Upstream;
let inbound: number, outbound: number;

function send(port: number, path: string, headers: Record<string, string> = {}) {
  return httpGet({ host: "127.0.0.1", port }, path, headers);
}

before(async () => {
  app = await startUpstream("app");
  [inbound, outbound] = [await freePort(), await freePort()];
  const adminPort = await freePort();
  const files = makeEnvoyFiles({ standIns: true });
  const mesh = `apiVersion: linkerd.io/v1alpha2
kind: Workload
metadata: {name: app, labels: {app: app}}
spec: {address: 127.0.0.1, ports: [{port: ${app.port}}], serviceAccount: app}
---
apiVersion: v1
kind: Service
metadata: {name: app}
spec: {ports: [{port: 80, targetPort: ${app.port}}], selector: {app: app}}
---
apiVersion: linkerd.io/v1alpha2
kind: MeshAuth
metadata: {name: plain}
spec: {mtls: {mode: DISABLE}}
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

test("incoming x-wasmesh-* headers never reach the app; others do", async () => {
  const res = await send(inbound, "/hello", { "x-wasmesh-route": "vs/x/y/r0", "x-wasmesh-anything": "1", "x-keep": "yes" });
  assert.equal(res.status, 200);
  const seen = JSON.parse(res.body);
  assert.equal(seen.headers["x-keep"], "yes");
  assert.deepEqual(Object.keys(seen.headers).filter((h) => h.startsWith("x-wasmesh-")), []);
  assert.match(seen.headers["x-request-id"], /^[0-9a-f-]{36}$/);
});

test("dot segments and repeated slashes are resolved before the app sees the path", async () => {
  const res = await send(inbound, "/a/../b//c/./d");
  assert.equal(JSON.parse(res.body).url, "/b/c/d");
});

test("encoded slashes and underscore headers are refused with 400", async () => {
  assert.equal((await send(inbound, "/a%2F..%2Fadmin")).status, 400);
  assert.equal((await send(inbound, "/a%5cb")).status, 400);
  assert.equal((await send(inbound, "/ok", { x_user: "admin" })).status, 400);
});

test("a client cannot choose a route: a forged x-wasmesh-route on the outbound listener gets 404", async () => {
  const before = app.requests.length;
  const res = await send(outbound, "/", { host: "app", "x-wasmesh-route": "default/app.default", "x-wasmesh-cluster": "outbound|80||app.default" });
  assert.equal(res.status, 404);
  assert.equal(app.requests.length, before);
});
