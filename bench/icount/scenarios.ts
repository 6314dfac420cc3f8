// The fixed request sets of the instruction-count and footprint benchmarks, as data for
// guest.mjs. They mirror the timing benchmarks' scenarios (bench/route-match/run.ts: 10 / 100 /
// 1,000 routes; bench/auth-policy/run.ts: 11 rules, no token / a cached RS256 token;
// bench/access-log/run.ts: a JSON record of every field to stdout). Those files run their
// benchmark when imported, so their builders cannot be shared without reshaping them, which
// other work is changing at the same time; kept in step by hand until then.
import { compileRegex } from "../../generator/regex/compile.ts";
import { makeKey, mint } from "../../test/auth-policy/tokens.ts";
import { wasmPath } from "../../test/support/paths.ts";
import type { RouteMatchConfig, RouteRule } from "../../generator/plan/filters/route-match.ts";
import type { AuthPolicyConfig } from "../../generator/plan/filters/auth-policy.ts";

type Pairs = [string, string][];
export interface Scenario {
  wasm: string;
  config: string;
  requests: { request: Pairs; response: Pairs }[];
  properties?: Record<string, string | { int64: string }>;
}

const RESPONSE: Pairs = [[":status", "200"], ["content-type", "application/json"], ["content-length", "348"]];
const common: Pairs = [["user-agent", "bench/1.0"], ["accept", "*/*"], ["x-request-id", "6f1c1f5e-1f6b-4a8e-9d43-0c1d2b3a4f5e"]];
const get = (authority: string, path: string, extra: Pairs = []) =>
  ({ request: [[":authority", authority], [":path", path], [":method", "GET"], [":scheme", "http"], ...common, ...extra] as Pairs, response: RESPONSE });

function routeMatchConfig(n: number): RouteMatchConfig {
  const users = compileRegex("/users/[0-9]+/orders/[0-9a-f]{8}");
  if (!users.ok) throw new Error(users.message);
  const clusters = ["api", "health"];
  const routes: RouteRule[] = [];
  for (let i = 0; i < n; i++) {
    const dest = [{ cluster: clusters[i % 2], weight: 1 }];
    const id = `vs/bench/svc/r${i}`;
    const kind = i % 4;
    if (kind === 0) routes.push({ id, matches: [{ path: { pathPrefix: `/svc${i}` } }], destinations: dest });
    else if (kind === 1) routes.push({ id, matches: [{ path: { exact: `/svc${i}/health` }, method: "GET" }], destinations: dest });
    else if (kind === 2) routes.push({ id, matches: [{ path: { prefix: `/svc${i}/v2/` }, headers: [{ name: "x-canary", match: { exact: "on" } }] }],
      destinations: [{ cluster: "api", weight: 90 }, { cluster: "health", weight: 10 }] });
    else routes.push({ id, matches: [{ path: { prefix: `/svc${i}/` }, queryParams: [{ name: "v", present: true }] }], destinations: dest });
  }
  routes.push({ id: "vs/bench/svc/users", matches: [{ path: { regex: users.regex } }], destinations: [{ cluster: "api", weight: 1 }] });
  return { virtualHosts: [
    { name: "other", domains: ["other.shop", "*.other.shop"], routes: [] },
    { name: "bench", domains: ["bench.shop", "bench.shop:8080"], routes },
  ] };
}

/** Early, middle, late, regex and unmatched routes, as bench/route-match/run.ts sends them. */
function routeMatchRequests(n: number) {
  const at = (i: number) => Math.min(n - 1, i);
  const canary: Pairs = [["x-canary", "on"]];
  return [`/svc0/items/42?page=2`, `/svc${at(Math.floor(n / 2) + 1)}/health`, `/svc${at(n - 2)}/v2/x`, `/svc${at(n - 1)}/a?v=1`,
    `/users/12/orders/deadbeef`, `/nowhere/at/all`].map((p) => get("bench.shop", p, canary));
}

const ISS = "https://issuer.bench";
function authPolicyConfig(jwk: object): AuthPolicyConfig {
  const rules: AuthPolicyConfig["rules"] = [];
  for (let i = 0; i < 8; i++) rules.push({ id: `meshauth/bench/p/r${i}`, action: "DENY", to: [{ paths: [`/admin${i}/*`] }] });
  rules.push({ id: "meshauth/bench/p/r8", action: "DENY", when: [{ key: "request.headers[x-block]", values: ["yes"] }] });
  rules.push({ id: "meshauth/bench/p/r9", action: "ALLOW", to: [{ methods: ["GET"], paths: ["/public/*"] }] });
  rules.push({ id: "meshauth/bench/p/r10", action: "ALLOW", from: [{ requestPrincipals: [`${ISS}/*`] }], to: [{ paths: ["/api/{*}/items"] }] });
  return { workload: "bench/api", rules,
    jwtProviders: [{ name: "meshauth/bench/p/jwt0", issuer: ISS, audiences: ["bench"], jwks: { keys: [jwk] as any },
      fromHeaders: [], fromParams: [], fromCookies: [], forward: false, outputClaimToHeaders: [{ header: "x-user", claim: "sub" }], clockSkewSeconds: 60 }] };
}

const ALL_FIELDS = ["start_time", "method", "authority", "path", "protocol", "response_code", "response_flags",
  "bytes_received", "bytes_sent", "duration", "upstream_duration", "upstream_host", "upstream_cluster", "route",
  "request_id", "traceparent", "trace_id", "user_agent", "peer", "auth_decision", "source_address"];
const p = (...s: string[]) => s.join("\0");
const accessLog: Scenario = {
  wasm: wasmPath("access-log"),
  config: JSON.stringify({ workload: "reviews", format: "json", fields: ALL_FIELDS, requestHeaders: ["authorization", "cookie"],
    responseHeaders: ["content-type"], redact: { headers: [], queryParams: ["token"], cookies: [], mode: "mask" },
    sampling: { percent: 100, keepErrors: true }, sinks: { stdout: true }, metricsPrefix: "wasmesh_access" }),
  requests: [{ request: [[":authority", "reviews.shop"], [":path", "/api/items/42?page=2&token=s3cr3t"], [":method", "GET"], [":scheme", "http"],
    ["user-agent", "curl/8.5.0"], ["accept", "*/*"], ["authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x"], ["cookie", "sid=abc; theme=dark"],
    ["x-forwarded-proto", "http"], ["x-request-id", "6f1c1f5e-1f6b-4a8e-9d43-0c1d2b3a4f5e"],
    ["traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]], response: RESPONSE }],
  properties: {
    [p("request", "time")]: { int64: "1795589519506290000" }, [p("request", "duration")]: { int64: "4200000" },
    [p("request", "protocol")]: "HTTP/1.1", [p("request", "size")]: { int64: "0" }, [p("response", "code")]: { int64: "200" },
    [p("response", "flags")]: { int64: "0" }, [p("response", "size")]: { int64: "348" }, [p("response", "backend_latency")]: { int64: "3100000" },
    [p("upstream", "address")]: "10.0.0.7:8080", [p("xds", "cluster_name")]: "outbound|8080||reviews.shop",
    [p("xds", "route_name")]: "vs/shop/reviews/r0", [p("source", "address")]: "10.0.0.3:51234", "wasmesh.auth": "allow shop/allow-web/r0",
  },
};

/** Every scenario by name; "noop" is the floor the others are reported against. */
export async function scenarios(): Promise<Record<string, Scenario>> {
  const rm = (n: number): Scenario => ({ wasm: wasmPath("route-match"), config: JSON.stringify(routeMatchConfig(n)), requests: routeMatchRequests(n) });
  const key = await makeKey("RS256", "bench-RS256");
  // Fixed expiry (2100): guest.mjs's clock is fixed at 2026-11-25.
  const token = await mint(key, { iss: ISS, sub: "alice", aud: "bench", exp: 4102444800 });
  const auth = JSON.stringify(authPolicyConfig(key.jwk));
  return {
    noop: { wasm: wasmPath("noop"), config: "{}", requests: routeMatchRequests(10) },
    "route-match, 10 routes": rm(10),
    "route-match, 100 routes": rm(100),
    "route-match, 1,000 routes": rm(1000),
    "auth-policy, rules only": { wasm: wasmPath("auth-policy"), config: auth,
      requests: [get("api.bench", "/public/a"), get("api.bench", "/admin3/x")] },
    "auth-policy, cached RS256 token": { wasm: wasmPath("auth-policy"), config: auth,
      requests: [get("api.bench", "/api/v1/items?page=2", [["authorization", `Bearer ${token}`]])] },
    "access-log, JSON record to stdout": accessLog,
  };
}
