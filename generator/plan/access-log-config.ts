// The AccessLog that applies to a workload → the access-log filter's configuration.
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";
import { durationMs, type Model, type ModelWorkload } from "../model/index.ts";
import type { AccessLogConfig, Field } from "./filters/access-log.ts";
import { outboundCluster } from "./names.ts";

export const DEFAULT_FIELDS: Field[] = ["start_time", "method", "authority", "path", "response_code", "response_flags",
  "duration", "upstream_cluster", "route", "request_id", "peer", "auth_decision"];
const ALWAYS_REDACTED = ["authorization", "cookie", "proxy-authorization", "set-cookie"];

export function planAccessLog(model: Model, w: ModelWorkload, diagnostics: Diagnostic[]): AccessLogConfig | undefined {
  const log = model.accessLogs.find((l) => l.id === w.accessLog);
  if (!log) return undefined;
  const s = log.spec;
  const sinks: AccessLogConfig["sinks"] = {};
  for (const [i, sink] of (s.sinks ?? [{ stdout: {} }]).entries()) {
    if (sink.stdout) sinks.stdout = true;
    const c = sink.collector as Record<string, any> | undefined;
    if (!c) continue;
    const svc = model.services.find((x) => x.aliases.includes(String(c.host).toLowerCase()) &&
      (x.kind === "ServiceEntry" || x.namespace === log.namespace || String(c.host).includes(".")));
    if (!svc || !svc.ports.some((p) => p.number === c.port)) {
      const path = `spec.sinks[${i}].collector`;
      diagnostics.push(diagnostic("WM010", log.at, path, `collector ${c.host}:${c.port} is not a port of any Service or ServiceEntry; expected a host and port the mesh defines`));
      continue;
    }
    sinks.collector = {
      cluster: outboundCluster(svc.host, c.port),
      authority: svc.aliases[0],
      path: c.path ?? "/v1/logs",
      batchSize: c.batchSize ?? 100,
      flushIntervalMs: durationMs(c.flushInterval) ?? 1000,
      maxBuffered: c.maxBuffered ?? 10000,
      timeoutMs: durationMs(c.timeout) ?? 5000,
    };
  }
  const lower = (xs: string[] | undefined) => [...new Set((xs ?? []).map((x) => x.toLowerCase()))];
  const filters: NonNullable<AccessLogConfig["filters"]> = {};
  const f = s.filters as Record<string, any> | undefined;
  if (f?.statusMin !== undefined) filters.statusMin = f.statusMin;
  if (f?.statusMax !== undefined) filters.statusMax = f.statusMax;
  const slower = durationMs(f?.slowerThan ?? f?.durationMin);
  if (slower !== undefined) filters.durationMinMs = slower;
  if (f?.headerPresent) filters.headerPresent = lower(f.headerPresent);
  const keepSlower = durationMs(s.sampling?.keepSlowerThan);
  return {
    workload: w.id,
    format: s.format ?? "json",
    ...(s.format === "text" && s.text ? { template: s.text } : {}),
    fields: (s.fields as Field[] | undefined) ?? DEFAULT_FIELDS,
    requestHeaders: lower(s.requestHeaders),
    responseHeaders: lower(s.responseHeaders),
    redact: {
      headers: [...new Set([...ALWAYS_REDACTED, ...lower(s.redact?.headers)])].sort(),
      queryParams: s.redact?.queryParams ?? [],
      cookies: s.redact?.cookies ?? [],
      mode: s.redact?.mode ?? "mask",
    },
    sampling: {
      percent: s.sampling?.percent ?? 100,
      keepErrors: s.sampling?.keepErrors ?? true,
      ...(keepSlower !== undefined ? { keepSlowerThanMs: keepSlower } : {}),
    },
    ...(Object.keys(filters).length ? { filters } : {}),
    sinks,
    metricsPrefix: "wasmesh_access",
  };
}
