// Log lines both engines must print identically once what differs by nature is masked: dates,
// request ids, ephemeral ports, and durations (a number stays a number: null vs 3 still differs).
const JSON_MS = /"(duration|upstream_duration)":(\d+)/g;
const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const LOOPBACK_PORT = /127\.0\.0\.1:\d+/g;
// Istio's default line: `... "%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "`
const ISTIO_MS = /(" \d+ \d+ )(\d+) (\d+|-) "/;
/** Text templates in scenarios put durations after `ms=` so they can be found. */
const TEXT_MS = /\bms=(\d+)/g;

export function normalizeLogLine(line: string): string {
  const at = line.indexOf("wasm log ");
  return (at < 0 ? line : line.slice(at))
    .replace(ISO_TIME, "<time>")
    .replace(UUID, "<uuid>")
    .replace(LOOPBACK_PORT, "127.0.0.1:<port>")
    .replace(JSON_MS, '"$1":"<ms>"')
    .replace(ISTIO_MS, (_m, head: string, _d: string, svc: string) => `${head}<ms> ${svc === "-" ? "-" : "<ms>"} "`)
    .replace(TEXT_MS, "ms=<ms>");
}
