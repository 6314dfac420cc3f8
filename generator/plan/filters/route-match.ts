// The route-match filter's configuration: the contract between the generator (which emits it
// as JSON in the wasm filter's StringValue configuration) and filters/route-match (which decodes
// it once in on_configure and refuses anything it does not understand). Plain data only.

/** A string condition. Exactly one key is set. `ignoreCase` compares ASCII case-insensitively. */
export type StringMatch =
  | { exact: string; ignoreCase?: boolean }
  | { prefix: string; ignoreCase?: boolean }
  | { suffix: string; ignoreCase?: boolean }
  | { regex: CompiledRegex };

/** A path condition: `prefix` is Istio's plain character prefix; `pathPrefix` is the Gateway API's
 * segment-aware PathPrefix (`/api` matches `/api` and `/api/x`, not `/apix`; trailing slash ignored). */
export type PathMatch = StringMatch | { pathPrefix: string; ignoreCase?: boolean };

/**
 * An RE2 regular expression compiled by the generator into a DFA with full-match semantics,
 * run by the filter in linear time over the bytes of the value. Like Envoy's own RE2 (Latin-1
 * mode), a character is one byte (generator/regex/README.md).
 */
export interface CompiledRegex {
  /** The expression as the user wrote it (for logs and `explain`). */
  source: string;
  /** Number of byte classes. */
  classCount: number;
  /** 256 entries: byte value → class index. */
  classes: number[];
  /** Row-major `states × classCount` table of next states; -1 is the dead state. State 0 starts. */
  transitions: number[];
  /** Accepting state indices. */
  accepting: number[];
}

export interface HeaderMatch {
  /** Lower-case header name; pseudo-headers (`:authority`, `:method`) allowed. */
  name: string;
  /** Value condition; absent with `present: true` means "header is present". */
  match?: StringMatch;
  present?: boolean;
  /** Matches when the header is absent. */
  absent?: boolean;
  /** Inverts the result of the whole condition. */
  invert?: boolean;
}

export interface QueryParamMatch {
  name: string;
  match?: StringMatch;
  present?: boolean;
}

/** One alternative: every condition set here must hold. An empty object matches everything. */
export interface RequestMatch {
  path?: PathMatch;
  /** Upper-case method, e.g. "GET". */
  method?: string;
  headers?: HeaderMatch[];
  queryParams?: QueryParamMatch[];
}

export interface Destination {
  /** Envoy cluster name, as the generated bootstrap defines it. */
  cluster: string;
  /** Relative weight, 0 or more; a destination with weight 0 receives nothing. */
  weight: number;
}

export interface RouteRule {
  /** `vs/<namespace>/<name>/r<index>`; also the value the generated Envoy route selects on. */
  id: string;
  /** Alternatives; an empty list matches every request. */
  matches: RequestMatch[];
  /** At least one destination with a positive weight. */
  destinations: Destination[];
  /** Hash of this header's or cookie's value picks the destination, so a user stays on it. */
  stickyBy?: { header: string } | { cookie: string };
}

export interface VirtualHost {
  /** `<host>` of the service, e.g. `reviews.shop`. */
  name: string;
  /** Exact names (with or without `:port`), `*.suffix` wildcards, or `*`. Lower case. */
  domains: string[];
  /** In evaluation order: the generator has already applied first-match or most-specific order. */
  routes: RouteRule[];
}

export interface RouteMatchConfig {
  /** Selected by the request's `:authority` like Envoy: exact, then longest `*.` suffix, then `*`. */
  virtualHosts: VirtualHost[];
  /** Adds the response header `x-wasmesh-matched-route: <route id>` (off by default). */
  debugHeader?: boolean;
}
