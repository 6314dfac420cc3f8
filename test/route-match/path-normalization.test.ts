// The shared path normalizer against real Envoy, with raw request targets (fetch and curl would
// normalize them first). (1) With the generated HCM settings, Envoy forwards exactly the vector's
// expected path, and route-match refuses the paths it cannot judge. (2) With Envoy's own
// normalization off, route-match's normalizer decides the route: it must pick the route for the
// path Envoy would have produced.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import type { RouteMatchConfig } from "../../generator/plan/filters/route-match.ts";
import { PATH_VECTORS } from "./path-vectors.ts";
import { startHarness, type Harness } from "./harness.ts";

const HOST = "host: paths.test";
const unjudgeable = (path: string) => /%2f|%5c/i.test(path) || /\/\.\.?;/.test(path);

describe("Envoy normalize_path + merge_slashes, escaped slashes kept", () => {
  let h: Harness;
  before(async () => {
    const config: RouteMatchConfig = { virtualHosts: [{ name: "paths", domains: ["*"], routes: [
      { id: "vs/test/paths/all", matches: [], destinations: [{ cluster: "up", weight: 1 }] },
    ] }] };
    h = await startHarness(config, ["up"]);
  });
  after(async () => { await h?.stop(); });

  for (const [input, expected] of PATH_VECTORS) {
    test(`${JSON.stringify(input)} → ${expected}`, async () => {
      const res = await h.send(input, [HOST]);
      if (expected === "400") return assert.equal(res.status, 400);
      const path = expected.split("?")[0];
      if (unjudgeable(path)) {
        assert.equal(res.status, 400, `route-match must refuse ${expected}`);
        assert.equal(res.body, "request path rejected\n");
      } else {
        assert.equal(res.url, expected);
      }
    });
  }
});

describe("Envoy normalization off: route-match's normalizer decides", () => {
  let h: Harness;
  const targets = [...new Set(PATH_VECTORS.map(([, e]) => e.split("?")[0]).filter((e) => e !== "400" && !unjudgeable(e)))];
  before(async () => {
    const config: RouteMatchConfig = { debugHeader: true, virtualHosts: [{ name: "paths", domains: ["*"], routes:
      targets.map((path, i) => ({ id: `vs/test/paths/r${i}`, matches: [{ path: { exact: path } }], destinations: [{ cluster: "up", weight: 1 }] })),
    }] };
    h = await startHarness(config, ["up"], { normalize: false });
  });
  after(async () => { await h?.stop(); });

  for (const [input, expected] of PATH_VECTORS) {
    const path = expected.split("?")[0];
    if (expected === "400" || unjudgeable(path) || unjudgeable(input.split("?")[0])) continue;
    test(`${JSON.stringify(input)} routes as ${path}`, async () => {
      const res = await h.send(input, [HOST]);
      assert.equal(res.headers["x-wasmesh-matched-route"], `vs/test/paths/r${targets.indexOf(path)}`, `status ${res.status}`);
    });
  }
});
