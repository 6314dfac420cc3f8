// Size and memory of each filter (issue 9): the release .wasm size (target: under 64 KB), Wasm
// linear memory after start, after a warm-up and after 1,000,000 more requests through the
// filter (target: flat), and how many VMs real Envoy runs per worker.
// Linear memory is measured guest-only: the filter in bench/icount/guest.mjs's fixed host, over
// the request sets of bench/icount/scenarios.ts. Wasm memory never shrinks, so a byteLength that
// stays put over 1,000,000 requests means no per-request leak.
// Usage: node --import tsx bench/footprint/run.ts [--requests N] [--write]   (--write: bench/results/footprint.json)
// Bounded: one child per scenario, N requests each (default 1,000,000), then two Envoy start-ups.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { projectRoot } from "../../test/support/paths.ts";
import { scenarios } from "../icount/scenarios.ts";
import { envoyVmCount } from "./envoy-vms.ts";

const args = process.argv.slice(2);
const requests = Number(args[args.indexOf("--requests") + 1] ?? 0) || 1_000_000;
const LIMIT = 64 * 1024;

const sizes = Object.fromEntries(readdirSync(join(projectRoot, "build")).filter((f) => f.endsWith(".wasm")).sort().map((f) => {
  const bytes = readFileSync(join(projectRoot, "build", f));
  return [f.replace(/\.wasm$/, ""), { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, under64KB: bytes.length < LIMIT }];
}));
console.table(sizes);

const dir = mkdtempSync(join(tmpdir(), "wasmesh-footprint-"));
const memory: Record<string, { afterStart: number; afterWarmup: number; afterRequests: number; flat: boolean }> = {};
try {
  for (const [name, scenario] of Object.entries(await scenarios())) {
    const file = join(dir, "scenario.json");
    writeFileSync(file, JSON.stringify(scenario));
    const out = JSON.parse(execFileSync(process.execPath, [join(projectRoot, "bench", "icount", "guest.mjs"), file, String(requests), "memory"], { encoding: "utf8" }));
    memory[name] = { afterStart: out.afterStart, afterWarmup: out.afterWarmup, afterRequests: out.afterRequests, flat: out.afterRequests === out.afterWarmup };
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`linear memory (bytes) after start, after 10,000 requests, after ${requests.toLocaleString()} more:`);
console.table(memory);

const vms = [];
for (const concurrency of [1, 2]) vms.push(await envoyVmCount(concurrency));
console.table(vms.map((v) => ({ concurrency: v.concurrency, active: v.stats["wasm.envoy.wasm.runtime.v8.active"],
  created: v.stats["wasm.envoy.wasm.runtime.v8.created"], vmCount: v.stats["wasm.wasm_vm_count"], base: v.baseVmsCreated, threadLocal: v.threadLocalVmsCreated })));

if (args.includes("--write")) {
  const envoyVersion = execFileSync(join(projectRoot, ".envoy", "envoy", "_bin", "envoy"), ["--version"], { encoding: "utf8" }).split("version: ")[1]?.trim();
  writeFileSync(join(projectRoot, "bench", "results", "footprint.json"), JSON.stringify({
    date: new Date().toISOString(), node: process.version, envoy: envoyVersion, cpu: cpus()[0]?.model, cpus: cpus().length,
    loadAverage1m: +loadavg()[0].toFixed(2),
    wasmSizes: { limitBytes: LIMIT, build: "release (node scripts/build-filters.mjs)", filters: sizes },
    linearMemory: { how: "guest-only (bench/icount/guest.mjs), scenarios of bench/icount/scenarios.ts", warmupRequests: 10_000, requests, scenarios: memory },
    envoyVms: { filter: "route-match, one listener", runs: vms },
  }, null, 2) + "\n");
}
