// The auth-policy filter's configuration (generator → filters/auth-policy). Istio
// AuthorizationPolicy semantics: DENY rules first, then ALLOW; with no ALLOW rule a request that
// no DENY rule matched passes; with any ALLOW rule only a match passes; AUDIT enforces nothing.

/**
 * String patterns as Istio writes them: exact, `prefix*`, `*suffix`, or `*` (present, any value).
 * Paths additionally allow `{*}` (one segment) and `{**}` (any number of segments) templates.
 */
export type Pattern = string;

export interface Source {
  principals?: Pattern[];        // SPIFFE ids of the mTLS peer, e.g. spiffe://mesh.local/ns/shop/sa/web
  notPrincipals?: Pattern[];
  namespaces?: Pattern[];        // from the peer's SPIFFE id
  notNamespaces?: Pattern[];
  ipBlocks?: string[];           // CIDR or single IP, matched against the downstream address
  notIpBlocks?: string[];
  requestPrincipals?: Pattern[]; // `<iss>/<sub>` of a verified JWT
  notRequestPrincipals?: Pattern[];
}

export interface Operation {
  methods?: string[];
  notMethods?: string[];
  paths?: Pattern[];             // judged on the normalized path, without query
  notPaths?: Pattern[];
  hosts?: Pattern[];             // :authority, case-insensitive, port ignored unless given
  notHosts?: Pattern[];
  ports?: number[];              // destination port
  notPorts?: number[];
}

/** Istio condition keys: request.headers[<name>], request.auth.claims[<a>][<b>],
 * request.auth.principal, request.auth.audiences, request.auth.presenter, source.ip,
 * source.namespace, source.principal, destination.ip, destination.port. */
export interface Condition {
  key: string;
  values?: Pattern[];
  notValues?: Pattern[];
}

export interface Rule {
  /** `meshauth/<namespace>/<name>/r<index>`: named in denials, metrics and access logs. */
  id: string;
  action: "ALLOW" | "DENY" | "AUDIT";
  /** Any one must match; empty or absent = any source. */
  from?: Source[];
  /** Any one must match; empty or absent = any operation. */
  to?: Operation[];
  /** All must match. */
  when?: Condition[];
}

export interface JwtProvider {
  /** `meshauth/<namespace>/<name>/jwt<index>`. */
  name: string;
  issuer: string;
  /** Empty: any audience accepted. */
  audiences: string[];
  /** RFC 7517 JWK Set, inline. The verifier is chosen by each key's kty/alg, never by the token. */
  jwks: { keys: Record<string, unknown>[] };
  /** Where the token is looked for; default: `authorization` with prefix `Bearer `. */
  fromHeaders: { name: string; prefix?: string }[];
  fromParams: string[];
  fromCookies: string[];
  /** Keep the token in the request to the upstream (default false: removed). */
  forward: boolean;
  outputClaimToHeaders: { header: string; claim: string }[];
  clockSkewSeconds: number;      // default 60
  maxLifetimeSeconds?: number;
}

export interface AuthPolicyConfig {
  /** The workload this sidecar fronts (for logs and metrics). */
  workload: string;
  rules: Rule[];
  jwtProviders: JwtProvider[];
  /** Omit policy and rule names from denial bodies (they still go to logs and metrics). */
  hideRuleNames?: boolean;
  /**
   * Paths the policy cannot judge safely: encoded `/` or `\` (%2F, %5C), NUL, `#`.
   * "reject" (default): 400. "allow": judged as they are (not recommended).
   */
  unsafePathEncoding?: "reject" | "allow";
  /** How often the filter sends its counters to Envoy, in ms (default 1000; 0: with each request). */
  metricsFlushMs?: number;
}

/**
 * The decision auth-policy leaves for access-log, through proxy_set_property under this name
 * (Envoy stores it as filter state `wasm.<name>`; access-log reads it with get_property).
 * Value: `<decision>[ <rule id>]`, decision one of allow | deny | unauthenticated | audit-deny |
 * audit-allow.
 */
export const AUTH_DECISION_PROPERTY = "wasmesh.auth";
