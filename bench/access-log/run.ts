// Per-record cost of access-log above the noop floor, and linear memory over many records.
// Times are this process's CPU time per request (best of 3), so other load on the machine
// inflates them less than wall time would; the calibration line says how fast the CPU was.
// Usage: node --import tsx bench/access-log/run.ts [--records N] [--write]
// --write records the result in bench/results/access-log.json. Bounded: --records caps the
// memory run (default 1,000,000); the timing runs use 50,000 requests per scenario.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot, wasmPath } from "../../test/support/paths.ts";
import { LogPathHost, int64, type LogPathFacts } from "./log-path-host.ts";

const args = process.argv.slice(2);
const records = Number(args[args.indexOf("--records") + 1] ?? 0) || 1_000_000;
const TIMED = 50_000;

const path = (...s: string[]) => s.join("\0");

/** CPU time of this process in ns: on a shared machine other processes inflate wall time, not this. */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}
const facts = (config: object): LogPathFacts => ({
  config: JSON.stringify(config),
  requestHeaders: [[":authority", "reviews.shop"], [":path", "/api/items/42?page=2&token=s3cr3t"], [":method", "GET"],
    [":scheme", "http"], ["user-agent", "curl/8.5.0"], ["accept", "*/*"], ["authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x"],
    ["cookie", "sid=abc; theme=dark"], ["x-forwarded-proto", "http"], ["x-request-id", "6f1c1f5e-1f6b-4a8e-9d43-0c1d2b3a4f5e"],
    ["traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]],
  responseHeaders: [[":status", "200"], ["content-type", "application/json"], ["content-length", "348"], ["x-envoy-upstream-service-time", "3"]],
  properties: new Map([
    [path("request", "time"), int64(1795589519506290000n)], [path("request", "duration"), int64(4_200_000)],
    [path("request", "protocol"), Buffer.from("HTTP/1.1")], [path("request", "size"), int64(0)],
    [path("response", "code"), int64(200)], [path("response", "flags"), int64(0)], [path("response", "size"), int64(348)],
    [path("response", "backend_latency"), int64(3_100_000)], [path("upstream", "address"), Buffer.from("10.0.0.7:8080")],
    [path("xds", "cluster_name"), Buffer.from("outbound|8080||reviews.shop")], [path("xds", "route_name"), Buffer.from("vs/shop/reviews/r0")],
    [path("source", "address"), Buffer.from("10.0.0.3:51234")], ["wasmesh.auth", Buffer.from("allow shop/allow-web/r0")],
  ]),
});

const ALL_FIELDS = ["start_time", "method", "authority", "path", "protocol", "response_code", "response_flags",
  "bytes_received", "bytes_sent", "duration", "upstream_duration", "upstream_host", "upstream_cluster", "route",
  "request_id", "traceparent", "trace_id", "user_agent", "peer", "auth_decision", "source_address"];
const base = {
  workload: "reviews", format: "json", fields: ALL_FIELDS, requestHeaders: ["authorization", "cookie"], responseHeaders: ["content-type"],
  redact: { headers: [], queryParams: ["token"], cookies: [], mode: "mask" }, sampling: { percent: 100, keepErrors: true },
  sinks: { stdout: true }, metricsPrefix: "wasmesh_access",
};
const collector = { cluster: "otel", authority: "otel", path: "/v1/logs", batchSize: 100, flushIntervalMs: 1000, maxBuffered: 10000, timeoutMs: 5000 };
const scenarios: Record<string, { wasm: string; config: object }> = {
  "noop (floor)": { wasm: "noop", config: base },
  "json, stdout": { wasm: "access-log", config: base },
  "text (Istio line), stdout": { wasm: "access-log", config: { ...base, format: "text", fields: [] } },
  "json, hash redaction, stdout": { wasm: "access-log", config: { ...base, redact: { ...base.redact, mode: "hash" } } },
  "json, stdout + collector": { wasm: "access-log", config: { ...base, sinks: { stdout: true, collector } } },
  "json, sampled out (percent 0)": { wasm: "access-log", config: { ...base, sampling: { percent: 0, keepErrors: true } } },
};

function nsPerRequest(host: LogPathHost, n: number): number {
  for (let i = 0; i < 5_000; i++) { host.request(); if (i % 100 === 0) host.answerCalls(); }
  const best: number[] = [];
  for (let round = 0; round < 3; round++) {
    const t0 = cpuNow();
    for (let i = 0; i < n; i++) { host.request(); if (i % 100 === 99) host.answerCalls(); }
    best.push((cpuNow() - t0) / n);
  }
  return Math.min(...best);
}

/** How fast this machine runs plain JS right now (shared CI boxes vary by several times). */
function calibrationMs(): number {
  const t0 = cpuNow();
  let x = 0;
  for (let i = 0; i < 1e8; i++) x = (x + i * 7) | 0;
  return (cpuNow() - t0) / 1e6 + (x === 42 ? 1 : 0);
}

/** Formatting alone (no host calls): the filter's writers over one fixed record, in wasm. */
function formattingOnly(): Record<string, number> {
  const out = join(mkdtempSync(join(tmpdir(), "wasmesh-al-bench-")), "format-bench.wasm");
  execFileSync(join(projectRoot, "node_modules", ".bin", "asc"), ["filters/access-log/__tests__/fixtures/format-bench.ts",
    "--config", "asconfig.json", "--target", "access-log", "--outFile", out], { cwd: projectRoot, stdio: ["ignore", "ignore", "inherit"] });
  const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(out)),
    { wasi_snapshot_preview1: { fd_write: () => 0, proc_exit: () => 0 } }) as any;
  const e = inst.exports;
  e._start?.();
  const result: Record<string, number> = {};
  for (const [name, config] of [["json line", base], ["Istio text line", { ...base, format: "text", fields: [] }]] as const) {
    const cfg = Buffer.from(JSON.stringify(config));
    const at = e.malloc(cfg.length);
    new Uint8Array(e.memory.buffer).set(cfg, at);
    if (!e.configure(at, cfg.length)) throw new Error("format bench: configuration rejected");
    for (const otlp of [0, 1]) {
      e.format(5_000, otlp);
      const t0 = cpuNow();
      e.format(TIMED, otlp);
      result[`${name}${otlp ? " + OTLP record" : ""}`] = Math.round((cpuNow() - t0) / TIMED);
    }
  }
  return result;
}

const calibration = calibrationMs();
console.log(`calibration: 1e8 simple JS loop iterations in ${calibration.toFixed(0)} ms of CPU time (an idle modern x86 core: ~70–100 ms)`);
const formatting = formattingOnly();
console.table(formatting);
const timings: Record<string, number> = {};
for (const [name, s] of Object.entries(scenarios)) {
  timings[name] = nsPerRequest(new LogPathHost(wasmPath(s.wasm), facts(s.config)), TIMED);
}
const floor = timings["noop (floor)"];
const rows = Object.entries(timings).map(([name, ns]) => ({ scenario: name, nsPerRequest: Math.round(ns), nsAboveFloor: Math.round(ns - floor) }));
console.table(rows);

// Linear memory: after warm-up, many more records must not grow the heap (Wasm memory never shrinks).
const host = new LogPathHost(wasmPath("access-log"), facts({ ...base, sinks: { stdout: true, collector } }));
for (let i = 0; i < 20_000; i++) { host.request(); if (i % 100 === 99) host.answerCalls(); }
const warm = host.memory.buffer.byteLength;
for (let i = 0; i < records; i++) { host.request(); if (i % 100 === 99) host.answerCalls(); }
const after = host.memory.buffer.byteLength;
console.log(`linear memory: ${warm} bytes after 20,000 records, ${after} after ${records.toLocaleString()} more ` +
  `(stdout lines ${host.stdoutLines.toLocaleString()}, http calls ${host.httpCalls.toLocaleString()})`);

if (args.includes("--write")) {
  const result = {
    what: "access-log per-request cost on the on_log path (bench/access-log/log-path-host.ts), Node " + process.version,
    date: new Date().toISOString(), requestsPerScenario: TIMED, calibrationMs: Math.round(calibration),
    formattingOnlyNs: formatting, timings: rows,
    memory: { warmRecords: 20_000, bytesAfterWarmup: warm, moreRecords: records, bytesAfter: after, grew: after > warm },
  };
  writeFileSync(join(projectRoot, "bench", "results", "access-log.json"), JSON.stringify(result, null, 2) + "\n");
}
if (after > warm) { console.error("linear memory grew"); process.exitCode = 1; }
