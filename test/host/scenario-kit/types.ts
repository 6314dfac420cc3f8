// A scenario file (test/scenarios/*.yaml): one filter with one configuration, requests, and what a
// user of the proxy would observe. The host suite and the differential suite run the same files.
import type { RouteSpec, PeerCertificate } from "../../../host/index.ts";

export interface ScenarioRequest {
  method?: string;
  path: string;
  authority?: string;
  headers?: Record<string, string | string[]>;
  body?: string | string[];
  /** mTLS peer identity (host only until the differential suite has a TLS listener). */
  peer?: PeerCertificate;
}

export interface Expectation {
  status: number;
  /** Cluster whose upstream received the request; null = no upstream was reached. */
  upstream?: string | null;
  /** Path and query the upstream received. */
  upstreamUrl?: string;
  /** Exact values the upstream saw (repeated headers joined with ", "). */
  upstreamHeaders?: Record<string, string>;
  upstreamHeadersAbsent?: string[];
  responseHeaders?: Record<string, string>;
  responseHeadersAbsent?: string[];
  /** Downstream body (for local replies). */
  body?: string;
  /** Substrings of log lines the filter wrote for this request. */
  logs?: string[];
}

export interface ScenarioCase {
  name: string;
  request: ScenarioRequest;
  expect: Expectation;
}

export interface Scenario {
  file: string;
  description: string;
  /** build/<filter>.wasm, or fixtures/<name> for a host test fixture. */
  filter: string;
  /** Resolved configuration text (from `config:` = a name under test/scenarios/configs/, or `configInline:`). */
  config: string;
  configName: string | null;
  clusters: string[];
  routes?: RouteSpec[];
  failurePolicy?: "FAIL_CLOSED" | "FAIL_OPEN" | "FAIL_RELOAD";
  cases: ScenarioCase[];
  /** Metric deltas over the whole file, by Prometheus name. */
  metrics?: Record<string, number>;
  /** Why this file does not run on Envoy (kept rare and explained). */
  hostOnly?: string;
  /** Compare the filter's log lines between engines (volatile parts masked: volatile-log.ts). */
  compareLogs?: boolean;
}

/** What a client and the upstream observed for one request; the same shape from both engines. */
export interface Observation {
  status: number;
  upstream: string | null;
  upstreamUrl: string | null;
  upstreamHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  body: string;
  logs: string[];
}
