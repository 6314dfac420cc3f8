import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSampleRequest } from "../../generator/cli/explain/request-spec.ts";
import { evaluateAuth, patternMatches } from "../../generator/cli/explain/auth-eval.ts";
import { evaluateRoutes } from "../../generator/cli/explain/route-eval.ts";

test("sample requests: URL or path + host header, quoted header values, raw query (as route-match compares it)", () => {
  const r = parseSampleRequest(`GET http://API.shop:8080/a/b?x=1&y=%20z+ -H "authorization: Bearer t k" -H X-Up:1`);
  assert.deepEqual(r, { method: "GET", authority: "api.shop", port: 8080, authorityHeader: "API.shop:8080", path: "/a/b", query: [["x", "1"], ["y", "%20z+"]],
    headers: [["authorization", "Bearer t k"], ["x-up", "1"]] });
  assert.equal(parseSampleRequest("POST /p -H host:web").authority, "web");
  assert.equal(parseSampleRequest("POST /p -H :authority:web:81").port, 81);
  for (const bad of ["GET", "get /x", "GET x", "GET /x -H", "GET /x -H novalue", "GET /x 'open"]) assert.throws(() => parseSampleRequest(bad), bad);
});

test("Istio patterns: exact, prefix*, *suffix, *, path templates", () => {
  const cases: [string, string, boolean, boolean?][] = [
    ["/api/*", "/api/x", true], ["/api/*", "/apix", false], ["*.js", "/a/b.js", true], ["*", "", true],
    ["/a/{*}/c", "/a/b/c", true, true], ["/a/{*}/c", "/a/b/x/c", false, true], ["/a/{**}", "/a/b/x/c", true, true],
    ["/a.b", "/aXb", false], ["GET", "GET", true], ["GET", "get", false],
  ];
  for (const [p, v, want, isPath] of cases) assert.equal(patternMatches(p, v, isPath), want, `${p} ~ ${v}`);
});

test("auth: DENY before ALLOW, no ALLOW rule passes, ALLOW without a match denies, CIDR sources", () => {
  const base = { workload: "w", jwtProviders: [] };
  const req = parseSampleRequest("GET /admin/x");
  const deny = { id: "d", action: "DENY" as const, to: [{ paths: ["/admin*"] }] };
  const allow = { id: "a", action: "ALLOW" as const, from: [{ ipBlocks: ["10.0.0.0/8"] }] };
  assert.equal(evaluateAuth({ ...base, rules: [allow, deny] }, req, { sourceIp: "10.1.2.3" }).rule, "d");
  assert.equal(evaluateAuth({ ...base, rules: [] }, req, {}).decision, "allow");
  const other = parseSampleRequest("GET /ok");
  assert.deepEqual(evaluateAuth({ ...base, rules: [allow] }, other, { sourceIp: "10.1.2.3" }).rule, "a");
  assert.equal(evaluateAuth({ ...base, rules: [allow] }, other, { sourceIp: "192.168.0.1" }).decision, "deny");
  const claims = { id: "c", action: "ALLOW" as const, when: [{ key: "request.auth.claims[groups]", values: ["admins"] }] };
  assert.equal(evaluateAuth({ ...base, rules: [claims] }, other, { jwt: { groups: ["users", "admins"] } }).decision, "allow");
  assert.equal(evaluateAuth({ ...base, rules: [claims] }, other, {}).decision, "deny");
});

test("routes: exact domain before wildcard before *, first matching rule, header invert/absent", () => {
  const rule = (id: string, matches: any[]) => ({ id, matches, destinations: [{ cluster: id, weight: 1 }] });
  const config = { virtualHosts: [
    { name: "star", domains: ["*"], routes: [rule("star", [])] },
    { name: "wild", domains: ["*.shop"], routes: [rule("wild", [])] },
    { name: "api", domains: ["api.shop"], routes: [
      rule("r0", [{ headers: [{ name: "x-a", present: true, invert: true }] }]),
      rule("r1", [{ path: { pathPrefix: "/v1/" }, method: "GET" }]),
      rule("r2", [{ headers: [{ name: "x-a", absent: true }] }, { queryParams: [{ name: "q", match: { prefix: "a" } }] }]),
    ] },
  ] };
  assert.equal(evaluateRoutes(config, parseSampleRequest("GET http://api.shop/x")).chosen?.id, "r0");
  assert.equal(evaluateRoutes(config, parseSampleRequest("GET http://api.shop/v1 -H x-a:1")).chosen?.id, "r1");
  assert.equal(evaluateRoutes(config, parseSampleRequest("PUT http://api.shop/x?q=ab -H x-a:1")).chosen?.id, "r2");
  assert.equal(evaluateRoutes(config, parseSampleRequest("PUT http://api.shop/x -H x-a:1")).chosen, undefined);
  assert.equal(evaluateRoutes(config, parseSampleRequest("GET http://db.shop/")).virtualHost, "wild");
  assert.equal(evaluateRoutes(config, parseSampleRequest("GET http://other/")).virtualHost, "star");
});

test("auth: a DENY rule on a path does not catch other paths", () => {
  const rules = [{ id: "d", action: "DENY" as const, to: [{ paths: ["/admin*"] }] }];
  const r = evaluateAuth({ workload: "w", jwtProviders: [], rules }, parseSampleRequest("GET /public"), {});
  assert.deepEqual([r.decision, r.rule], ["allow", undefined]);
  assert.match(r.rules[0].why, /path "\/public" not in \["\/admin\*"\]/);
});
