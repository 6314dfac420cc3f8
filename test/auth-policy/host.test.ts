// auth-policy on the TypeScript host (host/): the same decisions as on real Envoy, in
// microseconds, with the host's controllable clock for token expiry in the cache.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { startPlugin, exchange, PluginStartError, type Plugin, type RequestSpec } from "../../host/index.ts";
import { wasmPath } from "../support/paths.ts";
import { makeKey, mint, type TestKey } from "./tokens.ts";
import type { AuthPolicyConfig } from "../../generator/plan/filters/auth-policy.ts";

const ISS = "https://issuer.test";
const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
const rid = (n: number) => `meshauth/shop/host/r${n}`;
let key: TestKey;
let plugin: Plugin;

function config(): AuthPolicyConfig {
  return {
    workload: "shop/reviews",
    jwtProviders: [{ name: "meshauth/shop/host/jwt0", issuer: ISS, audiences: [], jwks: { keys: [key.jwk as any] },
      fromHeaders: [], fromParams: [], fromCookies: [], forward: false, outputClaimToHeaders: [{ header: "x-user", claim: "sub" }], clockSkewSeconds: 0 }],
    rules: [
      { id: rid(0), action: "DENY", to: [{ paths: ["/admin/{**}"] }] },
      { id: rid(1), action: "DENY", when: [{ key: "request.headers[x-role]", values: ["banned"] }] },
      { id: rid(2), action: "ALLOW", from: [{ principals: ["spiffe://mesh.local/ns/shop/*"] }] },
      { id: rid(3), action: "ALLOW", from: [{ requestPrincipals: [`${ISS}/*`] }], to: [{ paths: ["/api/*"] }] },
      { id: rid(4), action: "AUDIT", from: [{ namespaces: ["shop"] }], to: [{ methods: ["DELETE"] }] },
    ],
  };
}

before(async () => {
  key = await makeKey("ES256", "host-es");
  plugin = startPlugin({ wasm: wasmPath("auth-policy"), name: "auth-policy", config: config(), startTimeMs: T0,
    routes: [{ match: { prefix: "/" }, route: { cluster: "backend" } }], clusters: ["backend"], logLevel: "info" });
});

function run(r: RequestSpec) {
  const res = exchange(plugin, r);
  return { status: res.status, body: res.body, decision: res.stream.filterState.get("wasmesh.auth")?.toString(), upstream: res.upstream };
}

const web = { uriSan: "spiffe://mesh.local/ns/shop/sa/web" };
const batch = { uriSan: "spiffe://mesh.local/ns/billing/sa/batch" };

test("peer identity, DENY before ALLOW, AUDIT, and the recorded decisions", () => {
  assert.deepEqual([run({ path: "/x", peer: web }).status, run({ path: "/x", peer: web }).decision], [200, `allow ${rid(2)}`]);
  assert.equal(run({ path: "/x", peer: batch }).status, 403);
  assert.equal(run({ path: "/x" }).status, 403);
  const denied = run({ path: "/admin/x", peer: web });
  assert.deepEqual([denied.status, denied.body, denied.decision], [403, `RBAC: access denied by ${rid(0)}\n`, `deny ${rid(0)}`]);
  assert.equal(run({ method: "DELETE", path: "/x", peer: web }).decision, `audit-allow ${rid(4)}`);
});

test("a peer SAN with a NUL byte is no identity at all: denied (CVE-2026-47778)", () => {
  const r = run({ path: "/x", peer: { uriSan: "spiffe://mesh.local/ns/shop/sa/web\0.evil" } });
  assert.deepEqual([r.status, r.decision], [403, "deny invalid-peer-identity"]);
});

test("every value of a repeated header counts", () => {
  assert.equal(run({ path: "/x", peer: web, headers: [["x-role", "user"], ["x-role", "banned"]] }).status, 403);
  assert.equal(run({ path: "/x", peer: web, headers: [["x-role", "user"]] }).status, 200);
});

test("the path is judged and forwarded normalized", () => {
  const r = run({ path: "/api/../x/./y?q=1", peer: web });
  assert.equal(r.status, 200);
  assert.equal(r.upstream?.url, "/x/y?q=1");
  assert.equal(run({ path: "/api/..%2Fadmin", peer: web }).status, 400);
});

test("a verified token's identity; the cache forgets it at exp (host clock)", async () => {
  const now = Math.floor(T0 / 1000);
  const token = await mint(key, { iss: ISS, sub: "ann", exp: now + 5 });
  const req = { path: "/api/items", headers: { authorization: `Bearer ${token}`, "x-user": "mallory" } };
  const ok = run(req);
  assert.equal(ok.status, 200);
  assert.equal(ok.upstream?.headers.get("x-user"), "ann");
  assert.equal(ok.upstream?.headers.get("authorization"), undefined);
  assert.equal(run(req).status, 200);
  plugin.advanceTime(6000);
  const late = run(req);
  assert.equal(late.status, 401);
  assert.equal(late.decision, "unauthenticated meshauth/shop/host/jwt0");
});

test("configured header names in upper case match Envoy's lower-case header map", async () => {
  const c = config();
  c.jwtProviders[0] = { ...c.jwtProviders[0], fromHeaders: [{ name: "X-Token", prefix: "" }], outputClaimToHeaders: [{ header: "X-User", claim: "sub" }] };
  const p = startPlugin({ wasm: wasmPath("auth-policy"), name: "auth-policy", config: c, startTimeMs: T0,
    routes: [{ match: { prefix: "/" }, route: { cluster: "backend" } }], clusters: ["backend"] });
  const token = await mint(key, { iss: ISS, sub: "bob", exp: Math.floor(T0 / 1000) + 60 });
  const res = exchange(p, { path: "/api/items", headers: { "x-token": token, "x-user": "mallory" } });
  assert.equal(res.status, 200);
  assert.equal(res.upstream?.headers.get("x-user"), "bob");
});

test("counters under Envoy's Prometheus names, sent on the filter's 1 s tick", () => {
  plugin.advanceTime(1000);
  const p = plugin.prometheus();
  assert.ok(p["auth_policy_allowed"] > 0 && p["auth_policy_denied"] > 0 && p["auth_policy_unauthenticated"] > 0, JSON.stringify(p));
  assert.ok(p["auth_policy_rule_meshauth_shop_host_r0"] >= 1);
});

test("a configuration the filter refuses fails the plugin start", () => {
  assert.throws(() => startPlugin({ wasm: wasmPath("auth-policy"), name: "auth-policy", config: { workload: "w", rules: [{ id: "r", action: "MAYBE" }] } }),
    (e: unknown) => e instanceof PluginStartError && e.reason === "configure");
});
