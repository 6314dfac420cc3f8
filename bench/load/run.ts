// Load benchmark on real Envoy (issue 9, items 1 and 5): the bench mesh's sidecar as three
// Envoys — router only, wasmesh's three filters, Envoy's native equivalents — loaded by wrk on
// loopback in alternating rounds (router, wasm, native, router, …). Records requests per second
// at fixed concurrency, CPU seconds per 10,000 requests of the Envoy under test (/proc), p50/p99,
// and ratios to router-only, in bench/results/load.json and load.svg. bench/README.md explains.
//   node --import tsx bench/load/run.ts [--rounds 5] [--seconds 10] [--connections 16] [--write]
//     [--name load]                   results file name (load-latency: the unsaturated run, -c1)
//     [--configs router,wasm,native]   any of those and auth-only, route-only, log-only, noop
//                                      (one wasm filter alone; router is always measured)
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { envoyBin, projectRoot } from "../../test/support/paths.ts";
import { freePort } from "../../test/support/ports.ts";
import { httpGet } from "../../test/support/http-get.ts";
import { benchBootstraps, ALL_CONFIGS, type ConfigName } from "./bootstraps.ts";
import { startBenchEnvoy, upstreamBootstrap, type BenchEnvoy } from "./envoys.ts";
import { measure, type Run } from "./measure.ts";
import { BACKEND_HOST, REQUEST_PATH, TOKEN } from "./mesh.ts";
import { summarize, targets } from "./summary.ts";
import { loadSvg } from "./svg.ts";
import { markdownTable } from "./table.ts";
import { ensureWrk } from "./wrk.ts";

const { values: opt } = parseArgs({ options: {
  rounds: { type: "string", default: "5" }, seconds: { type: "string", default: "10" },
  connections: { type: "string", default: "16" }, configs: { type: "string", default: "router,wasm,native" }, warmup: { type: "string", default: "3" }, name: { type: "string", default: "load" }, write: { type: "boolean", default: false },
} });
const CONFIGS = ["router", ...opt.configs!.split(",").filter((c) => c !== "router")] as ConfigName[];
for (const c of CONFIGS) if (!(ALL_CONFIGS as readonly string[]).includes(c)) throw new Error(`--configs: unknown ${c} (known: ${ALL_CONFIGS.join(", ")})`);
const rounds = Number(opt.rounds), seconds = Number(opt.seconds), connections = Number(opt.connections), warmup = Number(opt.warmup);

for (const f of ["auth-policy", "route-match", "access-log", ...(CONFIGS.includes("noop") ? ["noop"] : [])]) {
  if (!existsSync(join(projectRoot, "build", `${f}.wasm`))) throw new Error(`build/${f}.wasm is missing: run node scripts/build-filters.mjs`);
}
const wrkVersion = ensureWrk();
const envoyVersion = /version: (\S+)/.exec(execFileSync(envoyBin(), ["--version"], { encoding: "utf8" }))?.[1] ?? "unknown";
const loadAtStart = loadavg();
const started: BenchEnvoy[] = [];

async function expectStatus(name: string, port: number, path: string, token: boolean, want: number) {
  const res = await httpGet({ host: "127.0.0.1", port }, path, { host: BACKEND_HOST, ...(token ? { authorization: `Bearer ${TOKEN}` } : {}) });
  if (res.status !== want) throw new Error(`${name}: GET ${path}${token ? " with token" : ""} gave ${res.status}, expected ${want}`);
}

try {
  const upstreamPort = await freePort(), upstreamAdmin = await freePort();
  const upstream = await startBenchEnvoy("upstream", upstreamBootstrap(upstreamPort, upstreamAdmin), upstreamAdmin);
  started.push(upstream);
  const ports = {} as Record<ConfigName, { listener: number; admin: number }>;
  const envoys = {} as Record<ConfigName, BenchEnvoy>;
  for (const name of CONFIGS) {
    ports[name] = { listener: await freePort(), admin: await freePort() };
    const boots = benchBootstraps({ ...ports[name], upstream: upstreamPort }, join(projectRoot, "build"));
    envoys[name] = await startBenchEnvoy(name, boots[name], ports[name].admin);
    started.push(envoys[name]);
  }
  // The same request passes everywhere; the policy is really in force in both filtered configs.
  for (const name of CONFIGS) {
    await expectStatus(name, ports[name].listener, REQUEST_PATH, true, 200);
    if (name === "wasm" || name === "native" || name === "auth-only") {
      await expectStatus(name, ports[name].listener, REQUEST_PATH, false, 403);
      await expectStatus(name, ports[name].listener, "/admin/x", true, 403);
    }
  }
  console.log(`wrk -t1 -c${connections}, ${rounds} rounds of ${seconds} s per config (${warmup} s warm-up each); load ${loadAtStart.map((l) => l.toFixed(2)).join(" ")}`);
  for (const name of CONFIGS) await measure(ports[name].listener, envoys[name].pid, upstream.pid, connections, warmup);
  const all: Record<ConfigName, Run>[] = [];
  for (let i = 0; i < rounds; i++) {
    const round = {} as Record<ConfigName, Run>;
    for (const name of CONFIGS) {
      round[name] = await measure(ports[name].listener, envoys[name].pid, upstream.pid, connections, seconds);
      const r = round[name];
      console.log(`round ${i + 1} ${name.padEnd(10)} ${r.rps.toFixed(0).padStart(6)} req/s  cpu ${r.cpuPer10k.toFixed(3)} s/10k  p50 ${r.p50Us} µs  p99 ${r.p99Us} µs  errors ${r.errors}`);
    }
    all.push(round);
  }
  const summary = summarize(all);
  const result = {
    benchmark: "load",
    date: new Date().toISOString(),
    command: `npm run bench -- ${opt.name}`,
    machine: {
      nproc: Number(execFileSync("nproc", { encoding: "utf8" }).trim()),
      cpuModel: /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown",
      loadAverageAtStart: loadAtStart.map((l) => +l.toFixed(2)),
      loadAverageAtEnd: loadavg().map((l) => +l.toFixed(2)),
    },
    versions: { envoy: envoyVersion, wrk: wrkVersion, node: process.version },
    setup: { rounds, secondsPerRun: seconds, warmupSeconds: warmup, connections, wrkThreads: 1, envoyConcurrency: 1,
      request: `GET ${REQUEST_PATH}, Host ${BACKEND_HOST}, Authorization: Bearer <ES256 token>`, upstream: "Envoy direct_response 200, concurrency 1" },
    targets: summary.wasm && summary.native ? targets(summary) : null,
    configs: summary,
    rounds: all,
  };
  for (const name of CONFIGS) {
    const s = summary[name];
    console.log(`${name.padEnd(6)} rps ${s.absolute.rps.median.toFixed(0)} (×${s.ratio.rps.median})  cpu/10k ${s.absolute.cpuPer10k.median} s (×${s.ratio.cpuPer10k.median})  p50 ×${s.ratio.p50Us.median}  p99 ×${s.ratio.p99Us.median} (+${s.p99AboveRouterUs.median} µs)`);
  }
  console.log(`\n${markdownTable(summary)}\n\ntargets: ${JSON.stringify(result.targets)}`);
  if (opt.write) {
    writeFileSync(join(projectRoot, "bench", "results", `${opt.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(projectRoot, "bench", "results", `${opt.name}.svg`), loadSvg(result));
    console.log(`wrote bench/results/${opt.name}.json and ${opt.name}.svg`);
  }
} finally {
  await Promise.all(started.map((e) => e.stop()));
}
