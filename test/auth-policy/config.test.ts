// Configuration on real Envoy: a configuration the filter refuses stops Envoy from starting
// (fail closed, nothing half-applied); hideRuleNames keeps rule names out of denial bodies but
// not out of the access log.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EnvoyExitedError } from "../support/envoy.ts";
import { startAuthEnvoy, decisionsEndingWith } from "./harness.ts";
import { rawRequest } from "./raw-http.ts";

const base = { workload: "shop/reviews", jwtProviders: [] as unknown[] };

const REFUSED: [string, unknown][] = [
  ["not JSON", "{rules:"],
  ["an unknown field", { ...base, rules: [], shadowRules: [] }],
  ["a wildcard in the middle of a principal", { ...base, rules: [{ id: "r0", action: "ALLOW", from: [{ principals: ["spiffe://td/ns/*/sa/x"] }] }] }],
  ["an unknown condition key", { ...base, rules: [{ id: "r0", action: "DENY", when: [{ key: "request.regex.headers[x]", values: ["a"] }] }] }],
  ["an RSA key below 2048 bits", { ...base, rules: [], jwtProviders: [{ name: "p", issuer: "i", audiences: [], fromHeaders: [], fromParams: [],
    fromCookies: [], forward: false, outputClaimToHeaders: [], clockSkewSeconds: 60,
    jwks: { keys: [{ kty: "RSA", e: "AQAB", n: "wVQJmJhdbTkCZd2RSoqzWKM3TnRV2I5YGJfScyTvEVR_oyvHmhr-fdhyvF1Jy5E8dnRHh5ZyPJFZjT7S3jCa3w" }] } }] }],
];

for (const [what, config] of REFUSED) {
  test(`Envoy does not start with ${what}`, async () => {
    await assert.rejects(startAuthEnvoy(config as object), (err: unknown) => {
      assert.ok(err instanceof EnvoyExitedError, String(err));
      assert.match(err.log, /auth-policy: invalid configuration, rejected/);
      return true;
    });
  });
}

test("hideRuleNames: the denial body names no rule; the access log still does", async () => {
  const e = await startAuthEnvoy({ ...base, hideRuleNames: true,
    rules: [{ id: "meshauth/shop/secret-policy/r0", action: "DENY", to: [{ paths: ["/admin"] }] }] });
  try {
    assert.equal((await rawRequest(e.port, { path: "/other" })).status, 200, "no ALLOW rule: everything else passes");
    const r = await rawRequest(e.port, { path: "/admin" });
    assert.equal(r.status, 403);
    assert.equal(r.body, "RBAC: access denied\n");
    const lines = await decisionsEndingWith(e, "deny meshauth/shop/secret-policy/r0|403");
    assert.equal(lines.at(-1), "deny meshauth/shop/secret-policy/r0|403");
  } finally {
    await e.stop();
  }
});
