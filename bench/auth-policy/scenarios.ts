// The auth-policy benchmark's workload, shared by the full-exchange run (run.ts) and the
// guest-only one (guest-only.ts): 11 rules and one JWT provider with a key per algorithm.
import { makeKey, mint, type Alg, type TestKey } from "../../test/auth-policy/tokens.ts";
import type { AuthPolicyConfig } from "../../generator/plan/filters/auth-policy.ts";

export const ISS = "https://issuer.bench";
export const ALGS: Alg[] = ["RS256", "ES256", "EdDSA", "HS256"];
/** More distinct tokens than the filter's 256-entry cache holds: cycled, every request verifies. */
export const FRESH_TOKENS = 300;

export function config(keys: TestKey[]): AuthPolicyConfig {
  const rules: AuthPolicyConfig["rules"] = [];
  for (let i = 0; i < 8; i++) rules.push({ id: `meshauth/bench/p/r${i}`, action: "DENY", to: [{ paths: [`/admin${i}/*`] }] });
  rules.push({ id: "meshauth/bench/p/r8", action: "DENY", when: [{ key: "request.headers[x-block]", values: ["yes"] }] });
  rules.push({ id: "meshauth/bench/p/r9", action: "ALLOW", to: [{ methods: ["GET"], paths: ["/public/*"] }] });
  rules.push({ id: "meshauth/bench/p/r10", action: "ALLOW", from: [{ requestPrincipals: [`${ISS}/*`] }], to: [{ paths: ["/api/{*}/items"] }] });
  return {
    workload: "bench/api", rules,
    jwtProviders: [{ name: "meshauth/bench/p/jwt0", issuer: ISS, audiences: ["bench"], jwks: { keys: keys.map((k) => k.jwk) as any },
      fromHeaders: [], fromParams: [], fromCookies: [], forward: false, outputClaimToHeaders: [{ header: "x-user", claim: "sub" }], clockSkewSeconds: 60 }],
  };
}

export const headers = { "user-agent": "bench/1.0", accept: "*/*", "x-request-id": "6f1c1f5e-1f6b-4a8e-9d43-0c1d2b3a4f5e" };
export const withToken = (t: string) => ({ path: "/api/v1/items?page=2", authority: "api.bench", headers: { ...headers, authorization: `Bearer ${t}` } });
/** No token: one request an ALLOW rule passes, one a DENY rule refuses. */
export const plain = [{ path: "/public/a", authority: "api.bench", headers }, { path: "/admin3/x", authority: "api.bench", headers }];

export interface Workload {
  keys: TestKey[];
  cfg: AuthPolicyConfig;
  /** An RS256 token, verified once and then served from the cache. */
  cachedToken: string;
  /** Per algorithm, FRESH_TOKENS distinct tokens. */
  fresh: Record<Alg, string[]>;
}

export async function workload(): Promise<Workload> {
  const keys = await Promise.all(ALGS.map((a) => makeKey(a, `bench-${a}`)));
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const cachedToken = await mint(keys[0], { iss: ISS, sub: "alice", aud: "bench", exp });
  const fresh = {} as Record<Alg, string[]>;
  for (const key of keys) {
    fresh[key.alg] = await Promise.all(Array.from({ length: FRESH_TOKENS }, (_, i) => mint(key, { iss: ISS, sub: `u${i}`, aud: "bench", exp })));
  }
  return { keys, cfg: config(keys), cachedToken, fresh };
}
