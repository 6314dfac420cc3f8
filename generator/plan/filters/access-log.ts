// The access-log filter's configuration (generator → filters/access-log).

/** Field names a record may hold; each maps to what Envoy knows in on_log. */
export type Field =
  | "start_time" | "method" | "authority" | "path" | "protocol" | "response_code" | "response_flags"
  | "bytes_received" | "bytes_sent" | "duration" | "upstream_duration" | "upstream_host"
  | "upstream_cluster" | "route" | "request_id" | "traceparent" | "trace_id" | "user_agent"
  | "peer" | "auth_decision" | "source_address";

export interface AccessLogConfig {
  workload: string;
  format: "json" | "text";
  /** For `text`: an Envoy-compatible subset of %OPERATOR% templates, e.g. "%REQ(:METHOD)% %RESPONSE_CODE%". */
  template?: string;
  fields: Field[];
  /** Extra request/response headers to record (lower case), as `req.<name>` / `resp.<name>`. */
  requestHeaders: string[];
  responseHeaders: string[];
  redact: {
    headers: string[];       // always includes authorization, cookie, set-cookie, proxy-authorization
    queryParams: string[];
    cookies: string[];
    mode: "mask" | "hash";
  };
  sampling: {
    /** 0–100, deterministic by x-request-id. */
    percent: number;
    keepErrors: boolean;     // 5xx and local failures always kept
    keepSlowerThanMs?: number;
  };
  /** Only requests matching all present filters are logged. */
  filters?: {
    statusMin?: number;
    statusMax?: number;
    durationMinMs?: number;
    headerPresent?: string[];
  };
  sinks: {
    stdout?: boolean;
    collector?: {
      /** Envoy cluster that reaches the OTLP/HTTP collector. */
      cluster: string;
      authority: string;
      path: string;          // default /v1/logs
      batchSize: number;     // flush when this many records are buffered
      flushIntervalMs: number;
      maxBuffered: number;   // beyond this, records are dropped (and counted)
      timeoutMs: number;
    };
  };
  /** Prefix for the filter's metrics, e.g. "wasmesh_access". */
  metricsPrefix: string;
  /** How often the filter sends its summed counters to Envoy, in ms (0: every increment at once).
   * Not emitted: the filter's default, 1000, applies, so metrics lag by at most 1 s. */
  metricsFlushMs?: number;
}
