// route-match on real Envoy: every match type, virtual host selection, order, 404, spoofing,
// the debug header. Requests go over raw sockets so the bytes are exactly what the test says.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { compileRegex } from "../../generator/regex/compile.ts";
import type { CompiledRegex, RouteMatchConfig } from "../../generator/plan/filters/route-match.ts";
import { startHarness, route, type Harness } from "./harness.ts";

function regex(source: string): CompiledRegex {
  const r = compileRegex(source);
  if (!r.ok) throw new Error(r.message);
  return r.regex;
}

const config: RouteMatchConfig = {
  debugHeader: true,
  virtualHosts: [
    {
      name: "reviews.shop",
      domains: ["reviews.shop", "reviews.shop:9080"],
      routes: [
        route("vs/shop/reviews/r0", "exact", [{ path: { exact: "/exact" } }]),
        route("vs/shop/reviews/r1", "icase", [{ path: { exact: "/Case", ignoreCase: true } }]),
        route("vs/shop/reviews/r2", "segment", [{ path: { pathPrefix: "/seg/" } }]),
        route("vs/shop/reviews/r3", "plain", [{ path: { prefix: "/plain" } }]),
        route("vs/shop/reviews/r4", "regex", [{ path: { regex: regex("/users/[0-9]+(/profile)?") } }]),
        route("vs/shop/reviews/r5", "method", [{ path: { prefix: "/m/" }, method: "POST" }]),
        route("vs/shop/reviews/r6", "hdr", [{ path: { prefix: "/h/" }, headers: [
          { name: "x-exact", match: { exact: "one" } },
          { name: "x-prefix", match: { prefix: "ab" } },
          { name: "x-suffix", match: { suffix: "yz", ignoreCase: true } },
          { name: "x-regex", match: { regex: regex("v[0-9]") } },
          { name: "x-present", present: true },
          { name: "x-absent", absent: true },
          { name: "x-not", match: { exact: "bad" }, invert: true },
        ] }]),
        route("vs/shop/reviews/r7", "query", [{ path: { prefix: "/q/" }, queryParams: [
          { name: "a", match: { exact: "1" } },
          { name: "b", present: true },
          { name: "c", match: { regex: regex("[a-z]+") } },
        ] }]),
        route("vs/shop/reviews/r8", "multi", [{ headers: [{ name: "x-multi", match: { exact: "pick" } }] }]),
        route("vs/shop/reviews/r9", "either", [{ path: { exact: "/either/a" } }, { method: "DELETE" }]),
      ],
    },
    { name: "wild", domains: ["*.shop"], routes: [route("vs/shop/wild/r0", "wild", [])] },
    { name: "longer", domains: ["*.eu.shop"], routes: [route("vs/shop/eu/r0", "longer", [])] },
    { name: "any", domains: ["*"], routes: [route("vs/shop/any/r0", "any", [{ path: { pathPrefix: "/" }, method: "GET" }])] },
  ],
};

const CLUSTERS = ["exact", "icase", "segment", "plain", "regex", "method", "hdr", "query", "multi", "either", "wild", "longer", "any"];
const HOST = "host: reviews.shop";
const ALL_HEADERS = ["x-exact: one", "x-prefix: abc", "x-suffix: XYZ", "x-regex: v7", "x-present: "];
let h: Harness;

before(async () => { h = await startHarness(config, CLUSTERS); });
after(async () => { await h?.stop(); });

async function upstreamOf(target: string, headers: string[] = [HOST], method = "GET"): Promise<string> {
  const res = await h.send(target, headers, method);
  return res.upstream ?? String(res.status);
}

test("path exact is exact: case, trailing slash and longer paths count", async () => {
  assert.equal(await upstreamOf("/exact"), "exact");
  assert.equal(await upstreamOf("/exact?x=1"), "exact");
  assert.equal(await upstreamOf("/Exact"), "404");
  assert.equal(await upstreamOf("/exact/"), "404");
});

test("ignoreCase compares ASCII case-insensitively", async () => {
  assert.equal(await upstreamOf("/case"), "icase");
  assert.equal(await upstreamOf("/CASE"), "icase");
});

test("pathPrefix is segment-aware and ignores the trailing slash", async () => {
  assert.equal(await upstreamOf("/seg"), "segment");
  assert.equal(await upstreamOf("/seg/"), "segment");
  assert.equal(await upstreamOf("/seg/a/b"), "segment");
  assert.equal(await upstreamOf("/segment"), "404");
});

test("prefix is a plain character prefix (Istio)", async () => {
  assert.equal(await upstreamOf("/plain"), "plain");
  assert.equal(await upstreamOf("/plainly/x"), "plain");
});

test("a regex must match the whole path", async () => {
  assert.equal(await upstreamOf("/users/42"), "regex");
  assert.equal(await upstreamOf("/users/42/profile"), "regex");
  assert.equal(await upstreamOf("/users/42/x"), "404");
  assert.equal(await upstreamOf("/users/"), "404");
});

test("method must equal the request's", async () => {
  assert.equal(await upstreamOf("/m/x", [HOST], "POST"), "method");
  assert.equal(await upstreamOf("/m/x", [HOST], "PUT"), "404");
});

test("every header condition of a match must hold", async () => {
  assert.equal(await upstreamOf("/h/x", [HOST, ...ALL_HEADERS]), "hdr");
  for (let i = 0; i < ALL_HEADERS.length; i++) {
    const missing = ALL_HEADERS.filter((_, k) => k !== i);
    assert.equal(await upstreamOf("/h/x", [HOST, ...missing]), "404", `without ${ALL_HEADERS[i]}`);
  }
  assert.equal(await upstreamOf("/h/x", [HOST, ...ALL_HEADERS, "x-absent: 1"]), "404");
  assert.equal(await upstreamOf("/h/x", [HOST, ...ALL_HEADERS, "x-not: bad"]), "404");
  assert.equal(await upstreamOf("/h/x", [HOST, ...ALL_HEADERS, "x-not: good"]), "hdr");
  assert.equal(await upstreamOf("/h/x", [HOST, ...ALL_HEADERS.slice(0, 3), "x-regex: v77", "x-present: 1"]), "404");
});

test("repeated headers: any value may satisfy the condition, values are not comma-joined", async () => {
  assert.equal(await upstreamOf("/r", [HOST, "x-multi: other", "x-multi: pick"]), "multi");
  assert.equal(await upstreamOf("/r", [HOST, "x-multi: pick,other"]), "404");
  // An inverted condition fails when any value matches.
  assert.equal(await upstreamOf("/h/x", [HOST, ...ALL_HEADERS, "x-not: good", "x-not: bad"]), "404");
});

test("query parameters: first occurrence, raw bytes, bare key is empty, present", async () => {
  assert.equal(await upstreamOf("/q/x?a=1&b&c=abc"), "query");
  assert.equal(await upstreamOf("/q/x?c=abc&b=&a=1"), "query");
  assert.equal(await upstreamOf("/q/x?a=2&a=1&b&c=abc"), "404");
  assert.equal(await upstreamOf("/q/x?a=1&c=abc"), "404");
  assert.equal(await upstreamOf("/q/x?a=1&b&c=ab1"), "404");
  assert.equal(await upstreamOf("/q/x?a=%31&b&c=abc"), "404");
});

test("separate matches are alternatives", async () => {
  assert.equal(await upstreamOf("/either/a"), "either");
  assert.equal(await upstreamOf("/anything", [HOST], "DELETE"), "either");
});

test("virtual hosts: exact (with port), longest wildcard, then *; case-insensitive", async () => {
  assert.equal(await upstreamOf("/exact", ["host: REVIEWS.shop"]), "exact");
  assert.equal(await upstreamOf("/exact", ["host: reviews.shop:9080"]), "exact");
  assert.equal(await upstreamOf("/exact", ["host: reviews.shop:81"]), "any");
  assert.equal(await upstreamOf("/x", ["host: ratings.shop"]), "wild");
  assert.equal(await upstreamOf("/x", ["host: a.eu.shop"]), "longer");
  assert.equal(await upstreamOf("/x", ["host: shop"]), "any");
  assert.equal(await upstreamOf("/x", ["host: other"], "POST"), "404");
});

test("no match is a 404 local reply", async () => {
  const res = await h.send("/nowhere", [HOST]);
  assert.equal(res.status, 404);
  assert.equal(res.body, "no route matched\n");
  assert.equal(res.headers["x-wasmesh-matched-route"], undefined);
});

test("spoofed routing headers are overwritten, never trusted", async () => {
  const res = await h.send("/exact", [HOST, "x-wasmesh-cluster: any", "x-wasmesh-route: vs/shop/any/r0", "x-wasmesh-cluster: wild"]);
  assert.equal(res.upstream, "exact");
  assert.equal((await h.send("/nowhere", [HOST, "x-wasmesh-cluster: exact", "x-wasmesh-route: vs/shop/reviews/r0"])).status, 404);
});

test("the debug header names the matched route", async () => {
  const res = await h.send("/users/7", [HOST]);
  assert.equal(res.headers["x-wasmesh-matched-route"], "vs/shop/reviews/r4");
});

test("a request with a path Envoy forwards but cannot be judged is refused with 400", async () => {
  const res = await h.send("/exact/%2e%2e;/x", [HOST]);
  assert.equal(res.status, 400);
  assert.equal(res.body, "request path rejected\n");
});
