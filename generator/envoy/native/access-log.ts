// access-log's stdout records as Envoy's stdout access logger (the file logger on Envoy's own
// stdout, which works where /dev/stdout cannot be opened, e.g. a socket): the same fields under
// the same names, JSON or text, sampled by x-request-id like the filter. What the filter does and
// a format string cannot (redaction of recorded headers, the collector sink) is refused.
import type { AccessLogConfig, Field } from "../../plan/filters/access-log.ts";
import { perMillion, type EnvoyObject } from "../types.ts";
import { unsupported } from "./unsupported.ts";

const FIELDS: Record<Field, string> = {
  start_time: "%START_TIME%",
  method: "%REQ(:METHOD)%",
  authority: "%REQ(:AUTHORITY)%",
  path: "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%",
  protocol: "%PROTOCOL%",
  response_code: "%RESPONSE_CODE%",
  response_flags: "%RESPONSE_FLAGS%",
  bytes_received: "%BYTES_RECEIVED%",
  bytes_sent: "%BYTES_SENT%",
  duration: "%DURATION%",
  upstream_duration: "%RESPONSE_DURATION%",
  upstream_host: "%UPSTREAM_HOST%",
  upstream_cluster: "%UPSTREAM_CLUSTER%",
  route: "%ROUTE_NAME%",
  request_id: "%REQ(X-REQUEST-ID)%",
  traceparent: "%REQ(TRACEPARENT)%",
  trace_id: "%TRACE_ID%",
  user_agent: "%REQ(USER-AGENT)%",
  peer: "%DOWNSTREAM_PEER_URI_SAN%",
  // RBAC names the denying policy here (rbac_access_denied_matched_policy[<rule id>]).
  auth_decision: "%RESPONSE_CODE_DETAILS%",
  source_address: "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%",
};

function logFormat(c: AccessLogConfig): EnvoyObject {
  if (c.format === "text") return { text_format_source: { inline_string: `${c.template ?? ""}\n` } };
  const json: EnvoyObject = { workload: c.workload };
  for (const f of c.fields) json[f] = FIELDS[f];
  for (const h of c.requestHeaders) {
    if (c.redact.headers.includes(h)) unsupported(`redaction of the recorded request header ${h}`);
    json[`req.${h}`] = `%REQ(${h})%`;
  }
  for (const h of c.responseHeaders) {
    if (c.redact.headers.includes(h)) unsupported(`redaction of the recorded response header ${h}`);
    json[`resp.${h}`] = `%RESP(${h})%`;
  }
  return { json_format: json };
}

const compare = (kind: string, op: "GE" | "LE", value: number): EnvoyObject =>
  ({ [kind]: { comparison: { op, value: { default_value: value, runtime_key: `wasmesh.access_log.${kind}` } } } });

function filter(c: AccessLogConfig): EnvoyObject | undefined {
  if (c.filters?.durationMinMs !== undefined || c.filters?.headerPresent) unsupported("access-log duration or header filters");
  const all: EnvoyObject[] = [];
  if (c.filters?.statusMin !== undefined) all.push(compare("status_code_filter", "GE", c.filters.statusMin));
  if (c.filters?.statusMax !== undefined) all.push(compare("status_code_filter", "LE", c.filters.statusMax));
  if (c.sampling.percent < 100) {
    const kept: EnvoyObject[] = [{ runtime_filter: { runtime_key: "wasmesh.access_log.sampling", percent_sampled: perMillion(c.sampling.percent) } }];
    if (c.sampling.keepErrors) kept.push(compare("status_code_filter", "GE", 500));
    if (c.sampling.keepSlowerThanMs !== undefined) kept.push(compare("duration_filter", "GE", c.sampling.keepSlowerThanMs));
    all.push(kept.length === 1 ? kept[0] : { or_filter: { filters: kept } });
  }
  if (all.length === 0) return undefined;
  return all.length === 1 ? all[0] : { and_filter: { filters: all } };
}

export function fileAccessLog(c: AccessLogConfig | undefined): EnvoyObject[] {
  if (!c) return [];
  if (c.sinks.collector) unsupported("the access-log collector sink");
  if (!c.sinks.stdout) return [];
  const f = filter(c);
  return [{
    name: "envoy.access_loggers.stdout",
    ...(f ? { filter: f } : {}),
    typed_config: {
      "@type": "type.googleapis.com/envoy.extensions.access_loggers.stream.v3.StdoutAccessLog",
      log_format: logFormat(c),
    },
  }];
}
