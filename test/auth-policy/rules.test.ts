// auth-policy rules on real Envoy: every `from`/`to`/`when` field and its `not` form, Istio's
// DENY → ALLOW order, AUDIT, repeated headers, hosts, decisions in the access log and counters.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { startAuthEnvoy, decisionsEndingWith, type AuthEnvoy } from "./harness.ts";
import { rawRequest, type RawRequest } from "./raw-http.ts";
import type { AuthPolicyConfig } from "../../generator/plan/filters/auth-policy.ts";

const id = (n: number) => `meshauth/shop/reviews-policy/r${n}`;

function config(port: number): AuthPolicyConfig {
  return {
    workload: "shop/reviews",
    jwtProviders: [],
    rules: [
      { id: id(0), action: "DENY", to: [{ paths: ["/admin", "/admin/{**}"] }] },
      { id: id(1), action: "DENY", when: [{ key: "request.headers[x-block]", values: ["yes"] }] },
      { id: id(2), action: "ALLOW", to: [{ methods: ["GET"], paths: ["/public/*"] }] },
      { id: id(3), action: "ALLOW", to: [{ hosts: ["api.example.com"], paths: ["/api/{*}/items"] }] },
      { id: id(4), action: "ALLOW", from: [{ ipBlocks: ["127.0.0.0/8"] }], to: [{ paths: ["/ip-only"] }] },
      { id: id(5), action: "ALLOW", from: [{ notIpBlocks: ["127.0.0.0/8", "::1/128"] }], to: [{ paths: ["/never"] }] },
      { id: id(6), action: "ALLOW", to: [{ ports: [port], paths: ["/port"] }] },
      { id: id(7), action: "ALLOW", to: [{ notPorts: [port], paths: ["/not-port"] }] },
      { id: id(8), action: "ALLOW", to: [{ paths: ["/team"] }], when: [{ key: "request.headers[x-team]", values: ["blue"] }] },
      { id: id(9), action: "ALLOW", to: [{ paths: ["/team-not"] }], when: [{ key: "request.headers[X-Team]", notValues: ["red"] }] },
      { id: id(10), action: "ALLOW", to: [{ hosts: ["notpaths.test"], notPaths: ["/secret*"] }] },
      { id: id(11), action: "ALLOW", to: [{ paths: ["/when-attrs"] }], when: [
        { key: "source.ip", values: ["127.0.0.1/32"] }, { key: "destination.port", values: [String(port)] },
        { key: "destination.ip", notValues: ["10.0.0.0/8"] }] },
      { id: id(12), action: "AUDIT", to: [{ paths: ["/public/audited"] }] },
      { id: id(13), action: "ALLOW", to: [{ hosts: ["*.wild.test"] }] },
      { id: id(14), action: "ALLOW", to: [{ hosts: ["methods.test"], notMethods: ["DELETE"] }] },
      { id: id(15), action: "ALLOW", to: [{ hosts: ["port.test:8080"] }] },
      { id: id(16), action: "ALLOW", to: [{ paths: ["*.json"] }] },
      { id: id(17), action: "ALLOW", to: [{ paths: ["/any/{**}"] }] },
      { id: id(18), action: "ALLOW", from: [{ principals: ["*"] }], to: [{ paths: ["/peer-only"] }] },
      { id: id(19), action: "ALLOW", from: [{ notPrincipals: ["spiffe://mesh.local/ns/evil/sa/x"] }], to: [{ paths: ["/not-evil"] }] },
      { id: id(20), action: "ALLOW", from: [{ requestPrincipals: ["*"] }], to: [{ paths: ["/jwt-only"] }] },
      { id: id(21), action: "ALLOW", from: [{ notRequestPrincipals: ["*"] }], to: [{ paths: ["/anonymous-only"] }] },
    ],
  };
}

let e: AuthEnvoy;
before(async () => { e = await startAuthEnvoy(config); });
after(async () => { await e?.stop(); });

async function status(req: RawRequest): Promise<number> {
  return (await rawRequest(e.port, req)).status;
}
const host = (h: string): [string, string][] => [["host", h]];

describe("order and defaults", () => {
  test("an ALLOW match passes and reaches the upstream; a request no ALLOW rule matches is denied", async () => {
    const ok = await rawRequest(e.port, { path: "/public/a" });
    assert.equal(ok.status, 200);
    assert.equal(JSON.parse(ok.body).url, "/public/a");
    const denied = await rawRequest(e.port, { method: "POST", path: "/public/a", body: "" });
    assert.equal(denied.status, 403);
    assert.equal(denied.body, "RBAC: access denied\n");
  });

  test("DENY rules win over a matching ALLOW rule, and the body names the rule", async () => {
    const r = await rawRequest(e.port, { path: "/admin", headers: host("x.wild.test") });
    assert.equal(r.status, 403);
    assert.equal(r.body, `RBAC: access denied by ${id(0)}\n`);
    assert.equal(await status({ path: "/admin/deep/x", headers: host("x.wild.test") }), 403);
    assert.equal(await status({ path: "/administrator", headers: host("x.wild.test") }), 200);
  });

  test("every value of a repeated header is checked, not only the first", async () => {
    assert.equal(await status({ path: "/public/a", headers: [["x-block", "no"], ["x-block", "yes"]] }), 403);
    assert.equal(await status({ path: "/public/a", headers: [["x-block", "no"], ["x-block", "maybe"]] }), 200);
    assert.equal(await status({ path: "/team", headers: [["x-team", "red"], ["x-team", "blue"]] }), 200);
    assert.equal(await status({ path: "/team", headers: [["x-team", "red"]] }), 403);
    assert.equal(await status({ path: "/team" }), 403);
  });

  test("notValues holds only when no value matches; an absent header holds", async () => {
    assert.equal(await status({ path: "/team-not", headers: [["x-team", "blue"]] }), 200);
    assert.equal(await status({ path: "/team-not", headers: [["x-team", "blue"], ["x-team", "red"]] }), 403);
    assert.equal(await status({ path: "/team-not" }), 200);
  });
});

describe("to: methods, paths, hosts, ports", () => {
  test("hosts compare case-insensitively, ignore the port and a trailing dot", async () => {
    for (const h of ["api.example.com", "API.Example.COM", "api.example.com:8080", "api.example.com."]) {
      assert.equal(await status({ path: "/api/v1/items", headers: host(h) }), 200, h);
    }
    assert.equal(await status({ path: "/api/v1/items", headers: host("api.example.org") }), 403);
    assert.equal(await status({ path: "/x", headers: host("a.wild.test") }), 200);
    assert.equal(await status({ path: "/x", headers: host("wild.test") }), 403);
  });

  test("a host pattern with a port requires that port", async () => {
    assert.equal(await status({ path: "/x", headers: host("port.test:8080") }), 200);
    assert.equal(await status({ path: "/x", headers: host("port.test:9090") }), 403);
    assert.equal(await status({ path: "/x", headers: host("port.test") }), 403);
  });

  test("{*} is exactly one segment, {**} any rest, *suffix a suffix", async () => {
    assert.equal(await status({ path: "/api/v1/items", headers: host("api.example.com") }), 200);
    assert.equal(await status({ path: "/api/v1/x/items", headers: host("api.example.com") }), 403);
    assert.equal(await status({ path: "/api//items", headers: host("api.example.com") }), 403, "merged to /api/items: no segment for {*}");
    assert.equal(await status({ path: "/any/a/b/c" }), 200);
    assert.equal(await status({ path: "/any/" }), 200);
    assert.equal(await status({ path: "/any" }), 403);
    assert.equal(await status({ path: "/data/file.json?x=1" }), 200);
    assert.equal(await status({ path: "/data/file.json5" }), 403);
  });

  test("the query string takes no part in path matching", async () => {
    assert.equal(await status({ path: "/public/a?x=/admin" }), 200);
    assert.equal(await status({ path: "/admin?public/a" , headers: host("x.wild.test") }), 403);
  });

  test("notPaths and notMethods", async () => {
    assert.equal(await status({ path: "/public", headers: host("notpaths.test") }), 200);
    assert.equal(await status({ path: "/secret/x", headers: host("notpaths.test") }), 403);
    assert.equal(await status({ path: "/x", headers: host("methods.test") }), 200);
    assert.equal(await status({ method: "DELETE", path: "/x", headers: host("methods.test") }), 403);
  });

  test("ports and notPorts compare the destination port", async () => {
    assert.equal(await status({ path: "/port" }), 200);
    assert.equal(await status({ path: "/not-port" }), 403);
  });
});

describe("requests that cannot be judged", () => {
  test("a lower-case method is refused (Envoy's HTTP/1 codec already does; the filter too)", async () => {
    assert.equal((await rawRequest(e.port, { method: "get", path: "/public/a" })).status, 400);
    assert.equal(await status({ method: "GET", path: "/public/a" }), 200);
  });

  test("two Host headers, which Envoy folds into one :authority with a comma, are refused", async () => {
    const before = e.upstream.requests.length;
    const r = await rawRequest(e.port, { path: "/x", headers: [["host", "evil.test"], ["host", "a.wild.test"]] });
    assert.equal(r.status, 400);
    assert.equal(r.body, "RBAC: request cannot be judged safely\n");
    assert.equal(await status({ path: "/x", headers: host("user@a.wild.test") }), 400);
    assert.equal(e.upstream.requests.length, before);
  });
});

describe("more attack inputs (reference/security.md §1)", () => {
  test("a '*' in the request path still meets the {**} DENY (CVE-2025-46821)", async () => {
    assert.equal(await status({ path: "/admin/*", headers: host("x.wild.test") }), 403);
    assert.equal(await status({ path: "/admin/a*b/c", headers: host("x.wild.test") }), 403);
  });

  test("a forged x-envoy-original-path changes nothing: :path is judged (CVE-2023-27487)", async () => {
    assert.equal(await status({ path: "/admin", headers: [["host", "x.wild.test"], ["x-envoy-original-path", "/public/a"]] }), 403);
    assert.equal(await status({ method: "POST", path: "/x", body: "", headers: [["x-envoy-original-path", "/public/a"]] }), 403);
  });

  test("NUL in a header value never reaches a rule (CVE-2019-9900); non-UTF-8 values are compared as bytes", async () => {
    assert.equal(await status({ path: "/public/a", headers: [["x-block", "no\0yes"]] }), 400);
    assert.equal(await status({ path: "/public/a", headers: [["x-block", "\xffyes"]] }), 200);
    assert.equal(await status({ path: "/public/a", headers: [["x-block", "\xff"], ["x-block", "yes"]] }), 403);
  });
});

describe("from and when", () => {
  test("ipBlocks and notIpBlocks use the downstream address", async () => {
    assert.equal(await status({ path: "/ip-only" }), 200);
    assert.equal(await status({ path: "/never" }), 403);
  });

  test("source.ip, destination.port and destination.ip conditions", async () => {
    assert.equal(await status({ path: "/when-attrs" }), 200);
  });

  test("without mTLS there is no peer principal: principals never match, notPrincipals always do", async () => {
    assert.equal(await status({ path: "/peer-only" }), 403);
    assert.equal(await status({ path: "/not-evil" }), 200);
  });

  test("without a JWT there is no request principal", async () => {
    assert.equal(await status({ path: "/jwt-only" }), 403);
    assert.equal(await status({ path: "/anonymous-only" }), 200);
  });
});

describe("records", () => {
  test("AUDIT enforces nothing but is recorded and counted", async () => {
    const ruleCounter = `auth_policy.rule.${id(12).replaceAll("/", ".")}`;
    const audited = await e.settledCounter("auth_policy.audited");
    const rule = await e.counter(ruleCounter);
    assert.equal(await status({ path: "/public/audited" }), 200);
    assert.equal(await e.counterReaching("auth_policy.audited", audited + 1), audited + 1);
    assert.equal(await e.counterReaching(ruleCounter, rule + 1), rule + 1);
  });

  test("the access log records each decision with its rule; Prometheus shows the counters", async () => {
    await status({ path: "/public/b" });
    await status({ path: "/admin", headers: host("x.wild.test") });
    await status({ method: "PUT", path: "/public/b", body: "" });
    await status({ path: "/public/audited" });
    const all = await decisionsEndingWith(e, `audit-allow ${id(12)}|200`);
    assert.deepEqual(all.slice(-4), [`allow ${id(2)}|200`, `deny ${id(0)}|403`, "deny|403", `audit-allow ${id(12)}|200`]);
    await e.settledCounter("auth_policy.allowed");
    const prom = await e.prometheus();
    assert.match(prom, /^auth_policy_allowed\{\} [1-9]\d*$/m);
    assert.match(prom, /^auth_policy_denied\{\} [1-9]\d*$/m);
    assert.match(prom, /^auth_policy_rule_meshauth_shop_reviews_policy_r0\{\} [1-9]\d*$/m);
  });
});
