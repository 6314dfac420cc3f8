// Compares an observation with a scenario's expectation, and two engines' observations with
// each other (ignoring what differs by nature: dates, ids, timings).
import type { Expectation, Observation } from "./types.ts";
import { normalizeLogLine } from "./volatile-log.ts";

export function mismatches(e: Expectation, o: Observation): string[] {
  const out: string[] = [];
  const eq = (what: string, want: unknown, got: unknown) => {
    if (JSON.stringify(want) !== JSON.stringify(got)) out.push(`${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  };
  eq("status", e.status, o.status);
  if (e.upstream !== undefined) eq("upstream", e.upstream, o.upstream);
  if (e.upstreamUrl !== undefined) eq("upstream url", e.upstreamUrl, o.upstreamUrl);
  for (const [k, v] of Object.entries(e.upstreamHeaders ?? {})) eq(`upstream header ${k}`, v, o.upstreamHeaders[k]);
  for (const k of e.upstreamHeadersAbsent ?? []) eq(`upstream header ${k}`, undefined, o.upstreamHeaders[k]);
  for (const [k, v] of Object.entries(e.responseHeaders ?? {})) eq(`response header ${k}`, v, o.responseHeaders[k]);
  for (const k of e.responseHeadersAbsent ?? []) eq(`response header ${k}`, undefined, o.responseHeaders[k]);
  if (e.body !== undefined) eq("body", e.body, o.body);
  for (const l of e.logs ?? []) if (!o.logs.some((line) => line.includes(l))) out.push(`log line containing ${JSON.stringify(l)} missing`);
  return out;
}

const VOLATILE_REQUEST = new Set(["x-request-id"]);
const VOLATILE_RESPONSE = new Set(["date", "server", "connection", "keep-alive", "x-envoy-upstream-service-time", "content-length", "transfer-encoding"]);

/** The parts of an observation both engines must agree on exactly. */
export function comparable(o: Observation, withLogs = false): object {
  const strip = (h: Record<string, string>, drop: Set<string>) =>
    Object.fromEntries(Object.entries(h).filter(([k]) => !drop.has(k)).sort(([a], [b]) => a.localeCompare(b)));
  return {
    status: o.status,
    upstream: o.upstream,
    upstreamUrl: o.upstreamUrl,
    upstreamHeaders: strip(o.upstreamHeaders, VOLATILE_REQUEST),
    responseHeaders: strip(o.responseHeaders, VOLATILE_RESPONSE),
    // Echo bodies carry x-request-id; local-reply bodies are compared whole.
    body: o.upstream === null ? o.body : "(upstream echo)",
    ...(withLogs ? { logs: o.logs.map(normalizeLogLine) } : {}),
  };
}
