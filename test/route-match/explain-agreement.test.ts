// `wasmesh explain --request` against real Envoy: for every sample request, the route and the
// destination explain predicts are the ones the route-match filter chose in Envoy running the
// generated bootstrap (route id from `x-wasmesh-matched-route`, cluster from the upstream that
// answered), and a request explain finds no route for is a 404 that reaches no upstream.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { explainRequest } from "../../generator/cli/explain/explain-request.ts";
import { parseSampleRequest } from "../../generator/cli/explain/request-spec.ts";
import type { GenerateResult } from "../../generator/pipeline.ts";
import { CASES, type Case } from "./explain-mesh/cases.ts";
import { generateFixture, runOutbound, type Sidecar } from "./explain-mesh/sidecar.ts";
import { normalizePath } from "../../generator/cli/explain/path-normalize.ts";
import { PATH_VECTORS } from "./path-vectors.ts";
import { rawRequest } from "./raw-http.ts";

const CALLER = "shop/client";
let mesh: GenerateResult;
let sidecar: Sidecar;

before(async () => {
  mesh = generateFixture();
  sidecar = await runOutbound(mesh, "client");
});

after(async () => {
  await sidecar?.stop();
});

function requestText(c: Case): string {
  return [c.method, c.url, ...(c.headers ?? []).map((h) => `-H '${h}'`)].join(" ");
}

function explained(c: Case): { route: string | null; cluster?: string; rejected?: string } {
  const e = explainRequest(mesh.model, mesh.plans, CALLER, parseSampleRequest(requestText(c)));
  if (e.route.rejected) return { route: null, rejected: e.route.rejected };
  if (!e.route.chosen) return { route: null };
  const receiving = e.route.chosen.destinations.filter((d) => d.weight > 0);
  assert.equal(receiving.length, 1, "the fixture gives every route one destination with a positive weight");
  return { route: e.route.chosen.id, cluster: receiving[0].cluster };
}

async function observed(c: Case): Promise<{ route: string | null; cluster?: string; status: number }> {
  const { authority, target } = /^http:\/\/(?<authority>[^/?]+)(?<target>.*)$/.exec(c.url)!.groups!;
  const res = await rawRequest(sidecar.port, target, [`host: ${authority}`, ...(c.headers ?? [])], c.method);
  return { route: res.headers["x-wasmesh-matched-route"] ?? null, cluster: res.headers["x-upstream"], status: res.status };
}

test("explain normalizes paths exactly as Envoy 1.40 was observed to (path-vectors.ts)", () => {
  for (const [input, envoy] of PATH_VECTORS) {
    const got = normalizePath(input);
    const forwarded = envoy === "400" ? "400" : envoy.split("?")[0];
    assert.equal(got.verdict === "invalid" ? "400" : got.path, forwarded, input);
  }
});

test(`the fixture has at least 30 sample requests, routed and unrouted`, () => {
  assert.ok(CASES.length >= 30);
  assert.ok(CASES.some((c) => c.route === null) && CASES.some((c) => c.route !== null));
});

for (const c of CASES) {
  test(`${requestText(c)} → ${c.route ?? "no route"}`, async () => {
    const predicted = explained(c);
    const actual = await observed(c);
    assert.equal(predicted.rejected !== undefined, c.rejected === true, `explain's verdict on the path: ${predicted.rejected}`);
    if (predicted.rejected) {
      assert.equal(actual.status, 400, `explain says ${predicted.rejected}; Envoy answered ${actual.status}`);
      assert.equal(actual.cluster, undefined, "a rejected request reaches no upstream");
    } else if (predicted.route === null) {
      assert.equal(actual.status, 404, `explain finds no route; Envoy answered ${actual.status} via ${actual.route}`);
      assert.equal(actual.cluster, undefined, "a 404 reaches no upstream");
    } else {
      assert.equal(actual.status, 200, `explain predicts ${predicted.route}; Envoy answered ${actual.status}`);
      assert.equal(actual.cluster, predicted.cluster, "the cluster Envoy sent the request to");
    }
    assert.equal(actual.route, predicted.route, "the route Envoy took (x-wasmesh-matched-route)");
    assert.equal(predicted.route, c.route, "the route the fixture meant this request to hit");
  });
}
