// auth-policy's JWT step as envoy.filters.http.jwt_authn: the same providers and inline JWKS. A
// request without a token goes on unauthenticated (allow_missing); a bad token is a 401, as in
// auth-policy. Verified payloads land in dynamic metadata, where the RBAC conditions read claims.
import type { JwtProvider } from "../../plan/filters/auth-policy.ts";
import type { EnvoyObject } from "../types.ts";

export const JWT_FILTER = "envoy.filters.http.jwt_authn";
export const JWT_PAYLOAD_KEY = "payload";
const JWT_CACHE_SIZE = 256;

function provider(p: JwtProvider): EnvoyObject {
  return {
    issuer: p.issuer,
    ...(p.audiences.length ? { audiences: p.audiences } : {}),
    local_jwks: { inline_string: JSON.stringify(p.jwks) },
    from_headers: p.fromHeaders.map((h) => ({ name: h.name, ...(h.prefix ? { value_prefix: h.prefix } : {}) })),
    from_params: p.fromParams,
    from_cookies: p.fromCookies,
    forward: p.forward,
    clock_skew_seconds: p.clockSkewSeconds,
    ...(p.maxLifetimeSeconds !== undefined ? { max_lifetime: `${p.maxLifetimeSeconds}s` } : {}),
    payload_in_metadata: JWT_PAYLOAD_KEY,
    // auth-policy keeps 256 verified tokens per VM; jwt_authn caches none unless told to.
    jwt_cache_config: { jwt_cache_size: JWT_CACHE_SIZE },
    claim_to_headers: p.outputClaimToHeaders.map((c) => ({ header_name: c.header, claim_name: c.claim })),
  };
}

export function jwtAuthn(providers: JwtProvider[]): EnvoyObject | undefined {
  if (!providers.length) return undefined;
  const byName: EnvoyObject = {};
  for (const p of providers) byName[p.name] = provider(p);
  return {
    name: JWT_FILTER,
    typed_config: {
      "@type": "type.googleapis.com/envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication",
      providers: byName,
      rules: [{ match: { prefix: "/" }, requires: { requires_any: { requirements: [
        ...providers.map((p) => ({ provider_name: p.name })), { allow_missing: {} },
      ] } } }],
    },
  };
}
