// JWT verification in auth-policy on real Envoy, with tokens minted per test run (fresh keys for
// RS256, ES256, EdDSA and HS256) and every JWT attack in reference/security.md §2.
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { createHmac, createPublicKey } from "node:crypto";
import { startAuthEnvoy, type AuthEnvoy } from "./harness.ts";
import { rawRequest, type RawResponse } from "./raw-http.ts";
import { makeKey, mint, craft, b64u, now, standardClaims, type TestKey, type Alg } from "./tokens.ts";
import type { AuthPolicyConfig, JwtProvider } from "../../generator/plan/filters/auth-policy.ts";

const ISS = "https://issuer.test";
const OTHER = "https://other.test";
const P0 = "meshauth/shop/jwt-policy/jwt0";
const P1 = "meshauth/shop/jwt-policy/jwt1";
const rid = (n: number) => `meshauth/shop/jwt-policy/r${n}`;

let keys: Record<Alg, TestKey>;
let otherRsa: TestKey, stranger: TestKey;
let e: AuthEnvoy;

function provider(p: Partial<JwtProvider> & { name: string; issuer: string; jwks: JwtProvider["jwks"] }): JwtProvider {
  return { audiences: [], fromHeaders: [], fromParams: [], fromCookies: [], forward: false, outputClaimToHeaders: [], clockSkewSeconds: 60, ...p };
}

function config(): AuthPolicyConfig {
  return {
    workload: "shop/reviews",
    jwtProviders: [
      provider({
        name: P0, issuer: ISS, audiences: ["shop", "extra"],
        jwks: { keys: [keys.RS256.jwk, keys.ES256.jwk, keys.EdDSA.jwk, keys.HS256.jwk] as any },
        outputClaimToHeaders: [{ header: "x-jwt-sub", claim: "sub" }, { header: "x-jwt-tenant", claim: "org.tenant" }],
      }),
      provider({
        name: P1, issuer: OTHER, jwks: { keys: [otherRsa.jwk] as any },
        fromHeaders: [{ name: "x-token" }], fromParams: ["access_token"], fromCookies: ["session"],
        forward: true, clockSkewSeconds: 0, maxLifetimeSeconds: 3600,
      }),
    ],
    rules: [
      { id: rid(0), action: "ALLOW", from: [{ requestPrincipals: [`${ISS}/alice`] }], to: [{ paths: ["/alice"] }] },
      { id: rid(1), action: "ALLOW", from: [{ requestPrincipals: ["*"] }], to: [{ paths: ["/any-jwt/*"] }] },
      { id: rid(2), action: "ALLOW", to: [{ paths: ["/claims"] }], when: [
        { key: "request.auth.claims[groups]", values: ["admins"] },
        { key: "request.auth.claims[org][tenant]", values: ["acme"] }] },
      { id: rid(3), action: "ALLOW", to: [{ paths: ["/aud"] }], when: [{ key: "request.auth.audiences", values: ["extra"] }] },
      { id: rid(4), action: "ALLOW", to: [{ paths: ["/presenter"] }], when: [{ key: "request.auth.presenter", values: ["web-app"] }] },
      { id: rid(5), action: "ALLOW", to: [{ paths: ["/public"] }] },
      { id: rid(6), action: "DENY", to: [{ paths: ["/any-jwt/*"] }], when: [{ key: "request.auth.principal", values: [`${ISS}/mallory`] }] },
      { id: rid(7), action: "ALLOW", to: [{ paths: ["/claim-header"] }], when: [{ key: "request.headers[x-jwt-sub]", values: ["alice"] }] },
      { id: rid(8), action: "ALLOW", from: [{ requestPrincipals: [`${OTHER}/*`] }], to: [{ paths: ["/other"] }] },
    ],
  };
}

before(async () => {
  keys = {
    RS256: await makeKey("RS256", "rsa-1"), ES256: await makeKey("ES256", "ec-1"),
    EdDSA: await makeKey("EdDSA", "ed-1"), HS256: await makeKey("HS256", "hs-1"),
  };
  otherRsa = await makeKey("RS256", "other-rsa");
  stranger = await makeKey("RS256", "rsa-1"); // same kid as the real key, different key
  e = await startAuthEnvoy(config());
});
after(async () => { await e?.stop(); });

function get(path: string, token?: string, headers: [string, string][] = []): Promise<RawResponse> {
  const h: [string, string][] = token === undefined ? headers : [["authorization", `Bearer ${token}`], ...headers];
  return rawRequest(e.port, { path, headers: h });
}

function assertUnauthorized(r: RawResponse, what: string): void {
  assert.equal(r.status, 401, `${what}: ${r.status} ${r.body}`);
  assert.deepEqual(r.headers["www-authenticate"], ['Bearer realm="shop/reviews", error="invalid_token"'], what);
  assert.equal(r.body, `Jwt verification fails for ${P0}\n`, what);
}

const claims = (sub = "alice", extra: Record<string, unknown> = {}) => standardClaims(ISS, sub, "shop", extra);

describe("valid tokens", () => {
  for (const alg of ["RS256", "ES256", "EdDSA", "HS256"] as Alg[]) {
    test(`${alg}: verified, token stripped, claims copied to headers`, async () => {
      const token = await mint(keys[alg], claims("alice", { org: { tenant: "acme" } }));
      const r = await get("/any-jwt/x", token);
      assert.equal(r.status, 200, r.body);
      const seen = JSON.parse(r.body);
      assert.equal(seen.headers.authorization, undefined);
      assert.equal(seen.headers["x-jwt-sub"], "alice");
      assert.equal(seen.headers["x-jwt-tenant"], "acme");
    });
  }

  test("requestPrincipals is iss/sub of the verified token", async () => {
    assert.equal((await get("/alice", await mint(keys.RS256, claims("alice")))).status, 200);
    assert.equal((await get("/alice", await mint(keys.RS256, claims("bob")))).status, 403);
    assert.equal((await get("/any-jwt/x", await mint(keys.ES256, claims("mallory")))).status, 403);
  });

  test("claims conditions: lists, nested claims, audiences, presenter", async () => {
    const ok = await mint(keys.ES256, claims("bob", { groups: ["users", "admins"], org: { tenant: "acme" } }));
    assert.equal((await get("/claims", ok)).status, 200);
    const wrongTenant = await mint(keys.ES256, claims("bob", { groups: ["admins"], org: { tenant: "evil" } }));
    assert.equal((await get("/claims", wrongTenant)).status, 403);
    const aud = await mint(keys.HS256, { ...claims("bob"), aud: ["shop", "extra"] });
    assert.equal((await get("/aud", aud)).status, 200);
    assert.equal((await get("/aud", await mint(keys.HS256, claims("bob")))).status, 403);
    assert.equal((await get("/presenter", await mint(keys.EdDSA, claims("bob", { azp: "web-app" })))).status, 200);
    assert.equal((await get("/presenter", await mint(keys.EdDSA, claims("bob", { azp: "cli" })))).status, 403);
  });

  test("a missing token is not an error: rules decide (ALLOW on requestPrincipals denies with 403)", async () => {
    assert.equal((await get("/public")).status, 200);
    assert.equal((await get("/any-jwt/x")).status, 403);
  });

  test("clock skew: 60 s by default on exp and nbf", async () => {
    assert.equal((await get("/any-jwt/x", await mint(keys.RS256, claims("a", { exp: now() - 30 })))).status, 200);
    assert.equal((await get("/any-jwt/x", await mint(keys.RS256, claims("a", { nbf: now() + 30 })))).status, 200);
  });

  test("other locations: a named header (forwarded), a query parameter, a cookie", async () => {
    const t = await mint(otherRsa, { iss: OTHER, sub: "svc", iat: now(), exp: now() + 600 });
    const viaHeader = await rawRequest(e.port, { path: "/other", headers: [["x-token", t]] });
    assert.equal(viaHeader.status, 200, viaHeader.body);
    assert.equal(JSON.parse(viaHeader.body).headers["x-token"], t);
    assert.equal((await rawRequest(e.port, { path: `/other?a=1&access_token=${t}` })).status, 200);
    assert.equal((await rawRequest(e.port, { path: "/other", headers: [["cookie", `a=b; session=${t}; c=d`]] })).status, 200);
  });
});

describe("refused tokens: 401 with WWW-Authenticate", () => {
  test("expired, not yet valid, missing exp, exp of the wrong type", async () => {
    assertUnauthorized(await get("/any-jwt/x", await mint(keys.RS256, claims("a", { exp: now() - 120 }))), "expired");
    assertUnauthorized(await get("/any-jwt/x", await mint(keys.RS256, claims("a", { nbf: now() + 120 }))), "nbf");
    const { exp: _, ...noExp } = claims("a");
    assertUnauthorized(await get("/any-jwt/x", await mint(keys.RS256, noExp)), "no exp");
    assertUnauthorized(await get("/any-jwt/x", await mint(keys.HS256, claims("a", { exp: String(now() + 600) }))), "exp string");
    assertUnauthorized(await get("/any-jwt/x", await mint(keys.HS256, claims("a", { exp: now() + 600.5 }))), "exp float");
    assertUnauthorized(await get("/any-jwt/x", await mint(keys.HS256, claims("a", { iat: now() + 3600 }))), "iat in the future");
  });

  test("wrong issuer, wrong or missing audience", async () => {
    const evil = await mint(keys.RS256, { ...claims("a"), iss: "https://evil.test" });
    const r = await get("/public", evil);
    assert.equal(r.status, 401, "a token of an unknown issuer is refused even where no JWT is required");
    assertUnauthorized(await get("/any-jwt/x", await mint(keys.RS256, { ...claims("a"), aud: "elsewhere" })), "aud");
    assertUnauthorized(await get("/any-jwt/x", await mint(keys.RS256, { ...claims("a"), aud: ["x", "y"] })), "aud list");
    const { aud: _, ...noAud } = claims("a");
    assertUnauthorized(await get("/any-jwt/x", await mint(keys.RS256, noAud)), "no aud");
  });

  test("tampered payload and a token re-signed with another key under the same kid", async () => {
    for (const alg of ["RS256", "ES256", "EdDSA", "HS256"] as Alg[]) {
      const [h, , s] = (await mint(keys[alg], claims("bob"))).split(".");
      const forged = `${h}.${b64u(JSON.stringify(claims("alice")))}.${s}`;
      assertUnauthorized(await get("/alice", forged), `tampered ${alg}`);
    }
    assertUnauthorized(await get("/alice", await mint(stranger, claims("alice"))), "re-signed");
  });

  test("alg none in any spelling", async () => {
    for (const alg of ["none", "None", "NONE", "nOnE"]) {
      assertUnauthorized(await get("/alice", craft(JSON.stringify({ alg }), JSON.stringify(claims()), null)), alg);
      assertUnauthorized(await get("/alice", craft(JSON.stringify({ alg }), JSON.stringify(claims()), null, "AAAA")), `${alg} with sig`);
    }
  });

  test("algorithm confusion: HS256 signed with the provider's RSA public key as the secret", async () => {
    const pub = createPublicKey({ key: otherRsa.jwk as any, format: "jwk" });
    const pem = pub.export({ type: "spki", format: "pem" }) as string;
    const der = pub.export({ type: "spki", format: "der" });
    const n = Buffer.from(otherRsa.jwk.n!, "base64url");
    for (const secret of [Buffer.from(pem), der, n, Buffer.from(JSON.stringify(otherRsa.jwk))]) {
      const hs: TestKey = { alg: "HS256", kid: "other-rsa", jwk: {}, signKey: new Uint8Array(secret),
        signRaw: (i) => createHmac("sha256", secret).update(i).digest() };
      const t = craft(JSON.stringify({ alg: "HS256", kid: "other-rsa" }), JSON.stringify({ iss: OTHER, sub: "svc", iat: now(), exp: now() + 600 }), hs);
      const r = await rawRequest(e.port, { path: "/other", headers: [["x-token", t]] });
      assert.equal(r.status, 401, r.body);
    }
  });

  test("kid that names no key; a kid of another key type", async () => {
    assertUnauthorized(await get("/alice", await mint(keys.RS256, claims(), { kid: "nope" })), "unknown kid");
    assertUnauthorized(await get("/alice", await mint(keys.RS256, claims(), { kid: "ec-1" })), "kid of an EC key");
    assertUnauthorized(await get("/alice", await mint(keys.RS256, claims(), { kid: "../../etc/passwd" })), "kid injection");
    const noKid = craft(JSON.stringify({ alg: "RS256" }), JSON.stringify(claims()), keys.RS256);
    assert.equal((await get("/alice", noKid)).status, 200, "without kid every key of the type is tried");
  });

  test("embedded key sources and crit are refused", async () => {
    const attackerJwk = { kty: stranger.jwk.kty, n: stranger.jwk.n, e: stranger.jwk.e };
    for (const extra of [{ jwk: attackerJwk }, { jku: "https://evil.test/jwks" }, { x5u: "https://evil.test/x5" },
      { x5c: ["MIIB"] }, { crit: ["exp"] }, { crit: ["x-custom"], "x-custom": 1 }]) {
      const t = craft(JSON.stringify({ alg: "RS256", kid: "rsa-1", ...extra }), JSON.stringify(claims()), keys.RS256);
      assertUnauthorized(await get("/alice", t), JSON.stringify(extra));
    }
  });

  test("duplicate members, bad JSON, deep JSON, non-object payload", async () => {
    const h = JSON.stringify({ alg: "HS256", kid: "hs-1" });
    const c = claims();
    const dupClaim = `{"iss":"${ISS}","sub":"bob","sub":"alice","aud":"shop","exp":${c.exp}}`;
    assertUnauthorized(await get("/alice", craft(h, dupClaim, keys.HS256)), "duplicate claim");
    assertUnauthorized(await get("/alice", craft(`{"alg":"HS256","alg":"HS256","kid":"hs-1"}`, JSON.stringify(c), keys.HS256)), "duplicate header");
    assertUnauthorized(await get("/alice", craft(h, JSON.stringify(c).slice(0, -1), keys.HS256)), "truncated JSON");
    const deep = `{"iss":"${ISS}","sub":"alice","aud":"shop","exp":${c.exp},"x":${"[".repeat(200)}${"]".repeat(200)}}`;
    assertUnauthorized(await get("/alice", craft(h, deep, keys.HS256)), "deep JSON");
    assertUnauthorized(await get("/alice", craft(h, `"just a string"`, keys.HS256)), "string payload");
    assertUnauthorized(await get("/alice", craft(h, "Example of Ed25519 signing", keys.HS256)), "prose payload");
    assert.equal((await get("/alice", craft(h, JSON.stringify(c), keys.HS256))).status, 200, "the same token well-formed passes");
  });

  test("strict compact form: padding, +/, whitespace, segment count, size", async () => {
    const good = await mint(keys.HS256, claims());
    const [h, p, s] = good.split(".");
    const variants = [`${h}=.${p}.${s}`, `${h}.${p}.${s}=`, `${h}.${p.replace(/-/g, "+").replace(/_/g, "/")}x.${s}`,
      `${h}.${p}`, `${h}.${p}.${s}.${s}`, `${h}.${p}.${s}.x.y`, `${h}..${s}`, `.${p}.${s}`, `${h}.${p}.`,
      `${h}.${p}.${s.slice(0, -1)}`, `${h}.${p}.${s}AA`];
    for (const t of variants) assertUnauthorized(await get("/alice", t), t);
    const huge = await mint(keys.HS256, claims("alice", { pad: "x".repeat(9000) }));
    assertUnauthorized(await get("/alice", huge), "oversized token");
  });

  test("JWS JSON serialization and non-UTF-8 bytes are not compact tokens", async () => {
    const [h, p, sig] = (await mint(keys.HS256, claims())).split(".");
    const json = JSON.stringify({ payload: p, signatures: [{ protected: h, signature: sig }] });
    assertUnauthorized(await get("/alice", Buffer.from(json).toString("base64url")), "JSON serialization, encoded");
    assertUnauthorized(await get("/alice", `${h}.${p}.${sig}\xff`), "trailing non-UTF-8 byte");
    assertUnauthorized(await get("/alice", craft(JSON.stringify({ alg: "HS256", kid: "hs-1" }), Buffer.from(`{"iss":"${ISS}","sub":"\xff","aud":"shop","exp":${now() + 60}}`, "latin1"), keys.HS256)), "non-UTF-8 claim");
  });

  test("ES256 zero and truncated signatures", async () => {
    const hp = (await mint(keys.ES256, claims())).split(".").slice(0, 2).join(".");
    assertUnauthorized(await get("/alice", `${hp}.${"A".repeat(86)}`), "r = s = 0");
    const full = (await mint(keys.ES256, claims())).split(".")[2];
    assertUnauthorized(await get("/alice", `${hp}.${full.slice(0, 43)}`), "half signature");
  });

  test("two tokens where one is expected are ambiguous", async () => {
    const a = await mint(keys.RS256, claims("alice")), b = await mint(keys.RS256, claims("bob"));
    const r = await rawRequest(e.port, { path: "/alice", headers: [["authorization", `Bearer ${a}`], ["authorization", `Bearer ${b}`]] });
    assertUnauthorized(r, "two Authorization headers");
  });

  test("maximum lifetime requires iat and a short enough token", async () => {
    const long = await mint(otherRsa, { iss: OTHER, sub: "svc", iat: now(), exp: now() + 7200 });
    assert.equal((await rawRequest(e.port, { path: "/other", headers: [["x-token", long]] })).status, 401);
    const noIat = await mint(otherRsa, { iss: OTHER, sub: "svc", exp: now() + 60 });
    assert.equal((await rawRequest(e.port, { path: "/other", headers: [["x-token", noIat]] })).status, 401);
  });

  test("a cached token stops working once it expires (skew 0 on this provider)", async () => {
    const t = await mint(otherRsa, { iss: OTHER, sub: "svc", iat: now(), exp: now() + 2 });
    assert.equal((await rawRequest(e.port, { path: "/other", headers: [["x-token", t]] })).status, 200);
    assert.equal((await rawRequest(e.port, { path: "/other", headers: [["x-token", t]] })).status, 200);
    await new Promise((r) => setTimeout(r, 3200));
    assert.equal((await rawRequest(e.port, { path: "/other", headers: [["x-token", t]] })).status, 401);
  });
});

describe("claim headers cannot be forged", () => {
  test("a client-sent claim header is removed, and rules see only verified values", async () => {
    const spoof: [string, string][] = [["x-jwt-sub", "alice"], ["x-jwt-tenant", "acme"]];
    assert.equal((await get("/claim-header", undefined, spoof)).status, 403);
    const r = await get("/public", undefined, spoof);
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).headers["x-jwt-sub"], undefined);
    assert.equal(JSON.parse(r.body).headers["x-jwt-tenant"], undefined);
    const bob = await get("/public", await mint(keys.RS256, claims("bob")), spoof);
    assert.equal(JSON.parse(bob.body).headers["x-jwt-sub"], "bob");
    assert.equal(JSON.parse(bob.body).headers["x-jwt-tenant"], undefined);
    assert.equal((await get("/claim-header", await mint(keys.RS256, claims("alice")))).status, 200);
  });

  test("unauthenticated requests are counted", async () => {
    const before = await e.settledCounter("auth_policy.unauthenticated");
    await get("/alice", "not.a.token");
    assert.equal(await e.counterReaching("auth_policy.unauthenticated", before + 1), before + 1);
  });
});
