// `npm run bench`: every benchmark, one after another, each recording its results in
// bench/results/ (bench/README.md says what each measures). Benchmarks are recorded, not timed
// tests: a slow result fails nothing. `npm run bench -- route-match crypto` runs a subset.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const BENCHMARKS: Record<string, string[]> = {
  host: ["bench/host/microbench.ts", "--filter", "route-match", "--write"],
  "route-match": ["bench/route-match/run.ts", "--write"],
  "auth-policy": ["bench/auth-policy/run.ts", "--write"],
  "access-log": ["bench/access-log/run.ts", "--write"],
  crypto: ["bench/crypto/run.ts"],
  generator: ["bench/generator/run.ts"],
  load: ["bench/load/run.ts", "--write"],
  // Latency without queueing: one connection, so p50/p99 show each request's own processing time.
  "load-latency": ["bench/load/run.ts", "--connections", "1", "--name", "load-latency", "--write"],
  // Each wasm filter alone and the noop floor, interleaved with the three configurations.
  "load-attribution": ["bench/load/run.ts", "--rounds", "5", "--seconds", "6", "--configs", "wasm,native,noop,auth-only,route-only,log-only",
    "--name", "load-attribution", "--write"],
  "host-calls": ["bench/load/host-calls/run.ts", "--kinds", "pairs,value,property,metric,replace,stdout", "--write"],
  // Batched attribute reads only (one expr_evaluate of 14 attributes vs 14 proxy_get_property), 64 per request so the difference stands above the machine's noise.
  "host-calls-batch": ["bench/load/host-calls/run.ts", "--kinds", "property,cel,props,cel1", "--calls", "64", "--rounds", "10", "--name", "host-calls-batch", "--write"],
  icount: ["bench/icount/run.ts", "--write"],
  footprint: ["bench/footprint/run.ts", "--write"],
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !(w in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; known: ${Object.keys(BENCHMARKS).join(", ")}`);
  process.exit(2);
}
// Every benchmark's temporary files (Envoy configs, builds, meshes) in one folder of this run,
// removed when it ends (WASMESH_KEEP_TMP=1 keeps it), as scripts/test.mjs does for the tests.
const runTmp = mkdtempSync(join(tmpdir(), "wasmesh-bench-run-"));
const env = { ...process.env, TMPDIR: runTmp };
let failed = 0;
for (const [name, args] of Object.entries(BENCHMARKS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n== ${name}`);
  const r = spawnSync(process.execPath, ["--import", "tsx", ...args], { cwd: root, stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`${name} failed (exit ${r.status ?? r.signal})`);
    failed++;
  }
}
if (process.env.WASMESH_KEEP_TMP !== "1") rmSync(runTmp, { recursive: true, force: true });
process.exit(failed > 0 ? 1 : 0);
