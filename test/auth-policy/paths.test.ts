// One path: the filter judges the path the backend will see, and refuses the encodings that
// cannot be judged safely (reference/security.md §1, §1b) — on a bare Envoy, where the filter
// is the only line of defence, and behind Envoy's own normalization as the generator sets it.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { startAuthEnvoy, type AuthEnvoy } from "./harness.ts";
import { rawRequest } from "./raw-http.ts";
import type { AuthPolicyConfig } from "../../generator/plan/filters/auth-policy.ts";

const DENY_ADMIN: AuthPolicyConfig = {
  workload: "shop/reviews", jwtProviders: [],
  rules: [{ id: "meshauth/shop/p/r0", action: "DENY", to: [{ paths: ["/admin", "/admin/*"] }] }],
};
const NORMALIZING_HCM = { normalize_path: true, merge_slashes: true, path_with_escaped_slashes_action: "KEEP_UNCHANGED" };

let bare: AuthEnvoy, normalized: AuthEnvoy, lenient: AuthEnvoy;
before(async () => {
  [bare, normalized, lenient] = await Promise.all([
    startAuthEnvoy(DENY_ADMIN),
    startAuthEnvoy(DENY_ADMIN, NORMALIZING_HCM),
    startAuthEnvoy({ ...DENY_ADMIN, unsafePathEncoding: "allow" }),
  ]);
});
after(async () => { await Promise.all([bare?.stop(), normalized?.stop(), lenient?.stop()]); });

/** Refused (400) on any Envoy: encodings whose meaning differs between parsers. */
const UNJUDGEABLE = [
  "/something%2F..%2Fadmin", "/app%2fadmin", "/%5Capp%2f%5c%2F%2e%2e%2fadmin%5c", "/app%5cadmin", "/%c0%2fadmin",
  "/admin%00", "/ad%00min", "/admin;a=b", "/admin;a=b/xyz", "/;/admin", "/%252e%252e/admin",
  "/%25c0%25ae%25c0%25ae/admin", "/%c0%ae%c0%ae/admin", "/admin%0d%0a", "/admin%", "/admin%2", "/admin%zz",
];
/** Resolved by the shared normalizer to /admin, so the DENY applies (403), never the upstream. */
const RESOLVES_TO_ADMIN = ["/app/../admin", "//admin", "/%2e%2e/admin", "/app/%2E./admin", "/%61dmin", "/adm%69n",
  "/app//../../admin", "/./admin", "/admin/."];
/** Dot segments with parameters (`..;`, read as `..` by servlet backends): refused or resolved
 * to the denied path by the shared normalizer, and in no case forwarded. */
const DOT_WITH_PARAMS = ["/..;/admin", "/app/..;/admin", "/a/%2e%2e;/admin", "/a/.;/../admin"];

async function assertBlocked(e: AuthEnvoy, path: string): Promise<void> {
  const before = e.upstream.requests.length;
  const r = await rawRequest(e.port, { path });
  assert.ok(r.status === 400 || r.status === 403, `${path}: ${r.status} ${r.body}`);
  assert.equal(e.upstream.requests.length, before, path);
}

describe("a bare Envoy (no normalization): the filter normalizes, judges and forwards one path", () => {
  for (const path of UNJUDGEABLE) {
    test(`${path} → 400, never the upstream`, async () => {
      const before = bare.upstream.requests.length;
      const r = await rawRequest(bare.port, { path });
      assert.equal(r.status, 400, `${path}: ${r.status} ${r.body}`);
      assert.equal(bare.upstream.requests.length, before);
    });
  }

  test("dot segments, merged slashes and decoded unreserved escapes are judged resolved", async () => {
    for (const path of RESOLVES_TO_ADMIN) {
      const before = bare.upstream.requests.length;
      const r = await rawRequest(bare.port, { path });
      assert.equal(r.status, 403, `${path}: ${r.status} ${r.body}`);
      assert.equal(bare.upstream.requests.length, before, path);
    }
  });

  test("dot segments with parameters never reach the upstream", async () => {
    for (const path of DOT_WITH_PARAMS) await assertBlocked(bare, path);
  });

  test("the upstream receives exactly the path that was judged (query kept as sent)", async () => {
    const cases: [string, string][] = [["/app/./x/../public?q=%2F..", "/app/public?q=%2F.."], ["/app\\public", "/app/public"],
      ["//public//x", "/public/x"], ["/%70ublic", "/public"]];
    for (const [sent, forwarded] of cases) {
      const r = await rawRequest(bare.port, { path: sent });
      assert.equal(r.status, 200, sent);
      assert.equal(JSON.parse(r.body).url, forwarded, sent);
    }
  });

  test("a fragment never reaches the upstream", async () => {
    for (const path of ["/admin#x", "/public#/../admin"]) {
      const before = bare.upstream.requests.length;
      const r = await rawRequest(bare.port, { path });
      assert.equal(r.status, 400, path);
      assert.equal(bare.upstream.requests.length, before, path);
    }
  });

  test("what is safe passes and the DENY still holds on its canonical form", async () => {
    assert.equal((await rawRequest(bare.port, { path: "/admin" })).status, 403);
    assert.equal((await rawRequest(bare.port, { path: "/admin/x?y=%2F..%2F" })).status, 403);
    for (const path of ["/Admin", "/ADMIN", "/.../admin", "/0x2e0x2e/admin", "/administrator", "/app/%3Aadmin", "/caf%C3%A9"]) {
      assert.equal((await rawRequest(bare.port, { path })).status, 200, path);
    }
  });

  test("%01..%ff sweep: only escapes that change meaning or are not UTF-8 are refused", async () => {
    const refused: string[] = [];
    const esc = (b: number) => `%${b.toString(16).padStart(2, "0").toUpperCase()}`;
    for (let b = 1; b <= 0xff; b++) {
      const r = await rawRequest(bare.port, { path: `/x${esc(b)}y` });
      assert.ok(r.status === 200 || r.status === 400, `${esc(b)}: ${r.status}`);
      if (r.status === 400) refused.push(esc(b));
    }
    const expected = [];
    for (let b = 1; b <= 0xff; b++) {
      if (b < 0x20 || b === 0x7f || b === 0x2f || b === 0x5c || b === 0x25 || b >= 0x80) expected.push(esc(b));
    }
    assert.deepEqual(refused, expected);
  });
});

describe("behind Envoy's normalize_path + merge_slashes the decision is on the forwarded path", () => {
  test("dot segments and merged slashes are judged after Envoy resolved them", async () => {
    for (const path of RESOLVES_TO_ADMIN) {
      const r = await rawRequest(normalized.port, { path });
      assert.equal(r.status, 403, `${path}: ${r.status} ${r.body}`);
    }
  });

  test("the upstream receives exactly the path that was judged", async () => {
    const r = await rawRequest(normalized.port, { path: "/app/./x/../public?q=1" });
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).url, "/app/public?q=1");
  });

  test("what Envoy leaves unjudgeable is still refused", async () => {
    for (const path of UNJUDGEABLE) {
      const r = await rawRequest(normalized.port, { path });
      assert.equal(r.status, 400, `${path}: ${r.status} ${r.body}`);
    }
    for (const path of DOT_WITH_PARAMS) await assertBlocked(normalized, path);
  });
});

describe("unsafePathEncoding: allow judges such paths as they are", () => {
  test("encoded slash passes, the DENY is still applied to the bytes", async () => {
    const r = await rawRequest(lenient.port, { path: "/x%2Fy" });
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).url, "/x%2Fy");
    assert.equal((await rawRequest(lenient.port, { path: "/admin/x%2Fy" })).status, 403);
    // The hazard this switch accepts: a backend that strips path parameters serves /admin.
    assert.equal((await rawRequest(lenient.port, { path: "/admin;a=b" })).status, 200);
  });

  test("a malformed escape is refused even then", async () => {
    assert.equal((await rawRequest(lenient.port, { path: "/x%zz" })).status, 400);
  });
});
