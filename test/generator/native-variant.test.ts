// `filters: "native"`: the generator's comparison variant with Envoy's own filters (route table,
// jwt_authn, RBAC, stdout access log) instead of the wasm ones. Real Envoy must accept it, and a
// sample of requests must get the same statuses and upstreams through both variants, running
// side by side from the same mesh. Needs the release filters (node scripts/build-filters.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generate, type GenerateOptions } from "../../generator/pipeline.ts";
import { NativeUnsupportedError } from "../../generator/envoy/native/index.ts";
import { startEnvoy, validateBootstrap, type RunningEnvoy } from "../support/envoy.ts";
import { startUpstream, type Upstream } from "../support/upstream.ts";
import { freePort } from "../support/ports.ts";
import { httpGet } from "../support/http-get.ts";
import { projectRoot } from "../support/paths.ts";

const TOKEN = readFileSync(join(projectRoot, "mesh", "demo-token.jwt"), "utf8").trim();
const JWKS = readFileSync(join(projectRoot, "mesh", "demo-jwks.json"), "utf8");

function meshFiles(app: number, backend: number, other: number, extraRule = "") {
  const entry = (name: string, port: number) => `apiVersion: linkerd.io/v1alpha2
kind: ServiceEntry
metadata: {name: ${name}}
spec: {hosts: [${name}.test], ports: [{number: ${port}, name: http}], location: MESH_EXTERNAL, resolution: STATIC, endpoints: [{address: 127.0.0.1}]}
---
`;
  const mesh = `${entry("backend", backend)}${entry("other", other)}apiVersion: linkerd.io/v1alpha2
kind: Workload
metadata: {name: app, labels: {app: app}}
spec: {address: 127.0.0.1, ports: [{port: ${app}}], serviceAccount: app}
---
apiVersion: linkerd.io/v1alpha2
kind: VirtualService
metadata: {name: backend}
spec:
  hosts: [backend.test]
  http:
  - match: [{headers: {x-canary: {exact: always}}}, {queryParams: {debug: {exact: "1"}}}]
    route: [{destination: {host: other.test}}]
  - match: [{uri: {exact: /healthz}}]
    route: [{destination: {host: backend.test}}]
  - match: [{uri: {regex: "/v[0-9]+/legacy/.*"}}]
    route: [{destination: {host: other.test}}]
  - match: [{uri: {pathPrefix: /other}}]
    route: [{destination: {host: other.test}}]
    headers: {request: {set: {x-variant: other}}}
  - match: [{uri: {prefix: /api/}, method: {exact: GET}}]
    route: [{destination: {host: backend.test}}]
  - match: [{uri: {prefix: /split}}]
    route: [{destination: {host: backend.test}, weight: 50}, {destination: {host: other.test}, weight: 50}]
    stickyBy: {header: x-user-id}
---
apiVersion: linkerd.io/v1alpha2
kind: MeshAuth
metadata: {name: plain}
spec: {mtls: {mode: DISABLE}}
---
apiVersion: linkerd.io/v1alpha2
kind: MeshAuth
metadata: {name: app-policy}
spec:
  selector: {matchLabels: {app: app}}
  jwt: [{issuer: https://issuer.wasmesh.local, audiences: [shop], jwksFile: jwks.json}]
  rules:
  - action: DENY
    to: [{operation: {paths: ["/admin*", "*.bak"]}}]
  - action: ALLOW
    to: [{operation: {methods: [GET], paths: ["/api/*"]}}]
    when: [{key: "request.auth.claims[role]", values: [reader]}]
  - action: ALLOW
    to: [{operation: {paths: [/healthz]}}]
  - action: ALLOW
    when: [{key: "request.headers[x-probe]", values: ["yes"]}]
${extraRule}---
apiVersion: linkerd.io/v1alpha2
kind: AccessLog
metadata: {name: default}
spec: {selector: {matchLabels: {}}, sinks: [{stdout: {}}]}
`;
  return [{ path: "mesh.yaml", text: mesh }, { path: "jwks.json", text: JWKS }];
}

interface Variant { envoy: RunningEnvoy; inbound: number; outbound: number; text: string }
const variants: Partial<Record<"wasm" | "native", Variant>> = {};
let app: Upstream, backend: Upstream, other: Upstream;

async function generated(filters: "wasm" | "native"): Promise<Omit<Variant, "envoy"> & { adminPort: number }> {
  const [inbound, outbound, adminPort] = [await freePort(), await freePort(), await freePort()];
  const options: GenerateOptions = { filters, wasmDir: join(projectRoot, "build"), inboundPort: inbound, outboundPort: outbound, adminPort };
  const r = generate({ files: meshFiles(app.port, backend.port, other.port), options });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === "error"), []);
  return { inbound, outbound, adminPort, text: r.outputs[0].text };
}

before(async () => {
  [app, backend, other] = await Promise.all([startUpstream("app"), startUpstream("backend"), startUpstream("other")]);
  for (const v of ["wasm", "native"] as const) {
    const g = await generated(v);
    variants[v] = { ...g, envoy: await startEnvoy({ bootstrap: g.text, adminPort: g.adminPort }) };
  }
});

after(async () => {
  await Promise.all(Object.values(variants).map((v) => v.envoy.stop()));
  await Promise.all([app, backend, other].map((u) => u?.close()));
});

test("the native variant uses Envoy's filters only, and envoy --mode validate accepts it", () => {
  const text = variants.native!.text;
  for (const f of ["envoy.filters.http.jwt_authn", "envoy.filters.http.rbac.deny", "envoy.filters.http.rbac.allow", "envoy.access_loggers.stdout", "weighted_clusters"]) {
    assert.ok(text.includes(f), `missing ${f}`);
  }
  assert.ok(!text.includes("envoy.filters.http.wasm"));
  const v = validateBootstrap(text);
  assert.ok(v.ok, v.output);
});

type Probe = [listener: "inbound" | "outbound", path: string, headers: Record<string, string>];
const bearer = { authorization: `Bearer ${TOKEN}` };
const PROBES: Probe[] = [
  ["inbound", "/api/items", bearer],
  ["inbound", "/api/items", {}],
  ["inbound", "/api/items", { authorization: "Bearer not.a.token" }],
  ["inbound", "/api/items", { authorization: `Bearer ${TOKEN.slice(0, -4)}AAAA` }],
  ["inbound", "/admin/users", bearer],
  ["inbound", "/api/old.bak", bearer],
  ["inbound", "/healthz", {}],
  ["inbound", "/elsewhere", bearer],
  ["inbound", "/elsewhere", { "x-probe": "yes" }],
  ["outbound", "/api/items", { host: "backend.test" }],
  ["outbound", "/healthz", { host: "backend.test" }],
  ["outbound", "/v2/legacy/x", { host: "backend.test" }],
  ["outbound", "/v2/legacy", { host: "backend.test" }],
  ["outbound", "/other", { host: "backend.test" }],
  ["outbound", "/other/x", { host: "backend.test" }],
  ["outbound", "/otherwise", { host: "backend.test" }],
  ["outbound", "/anything", { host: "backend.test", "x-canary": "always" }],
  ["outbound", "/anything?debug=1", { host: "backend.test" }],
  ["outbound", "/anything", { host: "backend.test" }],
  ["outbound", "/split/a", { host: "backend.test", "x-user-id": "u1" }],
  ["outbound", "/", { host: "unknown.test" }],
];

async function outcome(v: Variant, [listener, path, headers]: Probe): Promise<string> {
  const res = await httpGet({ host: "127.0.0.1", port: v[listener] }, path, headers);
  const upstream = res.status === 200 ? JSON.parse(res.body).upstream : "-";
  return `${res.status} ${path.startsWith("/split") ? "split" : upstream}`;
}

test("a sample of requests gets the same status and upstream through both variants", async () => {
  const wasm: string[] = [], native: string[] = [];
  for (const p of PROBES) {
    wasm.push(`${p[0]} ${p[1]} ${JSON.stringify(p[2])} → ${await outcome(variants.wasm!, p)}`);
    native.push(`${p[0]} ${p[1]} ${JSON.stringify(p[2])} → ${await outcome(variants.native!, p)}`);
  }
  assert.deepEqual(native, wasm);
  // The sample covers every outcome, so equal lists are not equal by accident.
  const statuses = new Set(wasm.map((l) => l.split("→ ")[1].split(" ")[0]));
  assert.deepEqual([...statuses].sort(), ["200", "401", "403", "404"]);
  assert.ok(wasm.some((l) => l.endsWith("other")) && wasm.some((l) => l.endsWith("backend")) && wasm.some((l) => l.endsWith("app")));
  // Like auth-policy, jwt_authn verifies a token once and then finds it in its cache.
  const stats = await (await fetch(`${variants.native!.envoy.adminUrl}/stats?filter=jwt_cache_hit`)).text();
  assert.match(stats, /jwt_cache_hit: [1-9]/);
});

test("the native access records carry the same fields as access-log's", async () => {
  for (const v of Object.values(variants)) await httpGet({ host: "127.0.0.1", port: v.outbound }, "/api/log-me", { host: "backend.test" });
  // Envoy writes its own access logs in batches: /reopen_logs flushes them.
  const record = async (envoy: RunningEnvoy) => {
    for (let i = 0; i < 100; i++) {
      const line = envoy.log().split("\n").find((l) => l.includes('"/api/log-me"'));
      if (line) return JSON.parse(line.slice(line.indexOf("{")));
      await fetch(`${envoy.adminUrl}/reopen_logs`, { method: "POST" });
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`no record in:\n${envoy.log().slice(-2000)}`);
  };
  const [wasm, native] = [await record(variants.wasm!.envoy), await record(variants.native!.envoy)];
  assert.deepEqual(Object.keys(native).sort(), Object.keys(wasm).sort());
  for (const k of ["method", "path", "response_code", "upstream_cluster", "route"]) assert.equal(String(native[k]), String(wasm[k]), k);
});

test("a policy the native filters cannot express is refused by name, not approximated", () => {
  const rule = `  - action: ALLOW\n    to: [{operation: {paths: ["/items/{*}/reviews"]}}]\n`;
  assert.throws(() => generate({ files: meshFiles(1, 2, 3, rule), options: { filters: "native" } }),
    (e: unknown) => e instanceof NativeUnsupportedError && /\{\*\}/.test(e.message));
  assert.equal(generate({ files: meshFiles(1, 2, 3, rule) }).outputs.length, 1);
});
