// Per-record cost of access-log above the noop floor, and linear memory over many records.
// Times are this process's CPU time per request (best of 3), so other load on the machine
// inflates them less than wall time would; the calibration line says how fast the CPU was.
// The same scenarios also run guest-only (guest-only.ts: stub imports), which leaves out what
// this host spends per host call; both figures are recorded.
// Usage: node --import tsx bench/access-log/run.ts [--records N] [--write]
// --write records the result in bench/results/access-log.json. Bounded: --records caps the
// memory run (default 1,000,000); the timing runs use 50,000 requests per scenario.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot, wasmPath } from "../../test/support/paths.ts";
import { LogPathHost, type LogPathFacts } from "./log-path-host.ts";
import { requestHeaders, responseHeaders, properties, base, collector, scenarios } from "./scenarios.ts";
import { measureGuestOnly } from "./guest-only.ts";

const args = process.argv.slice(2);
const records = Number(args[args.indexOf("--records") + 1] ?? 0) || 1_000_000;
const TIMED = 50_000;

/** CPU time of this process in ns: on a shared machine other processes inflate wall time, not this. */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}
const facts = (config: object): LogPathFacts => ({ config: JSON.stringify(config), requestHeaders, responseHeaders, properties });

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
    { wasi_snapshot_preview1: { fd_write: () => 0, proc_exit: () => 0 }, env: { proxy_log: () => 0 } }) as any;
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
// The same scenarios on stub imports: the filter's own cost, without this host's per-call work.
const guestOnly = measureGuestOnly(TIMED, 7);
console.table(Object.keys(guestOnly.nsPerRecord).map((k) => ({ "guest-only scenario": k, nsPerRecord: guestOnly.nsPerRecord[k],
  nsAboveFloor: guestOnly.nsAboveFloor[k], hostCallsPerRecord: Math.round(Object.values(guestOnly.hostCalls[k]).reduce((a, b) => a + b, 0)) })));

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
    date: new Date().toISOString(), machine: `${cpus().length} × ${cpus()[0]?.model ?? "?"}`,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100), requestsPerScenario: TIMED, calibrationMs: Math.round(calibration),
    formattingOnlyNs: formatting, timings: rows, guestOnly,
    memory: { warmRecords: 20_000, bytesAfterWarmup: warm, moreRecords: records, bytesAfter: after, grew: after > warm },
  };
  writeFileSync(join(projectRoot, "bench", "results", "access-log.json"), JSON.stringify(result, null, 2) + "\n");
}
if (after > warm) { console.error("linear memory grew"); process.exitCode = 1; }
