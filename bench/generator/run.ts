// Generator benchmark (recorded, not a timed test). Two measurements:
//  - in-process: mesh YAML text → bootstraps written to disk, stage by stage, as `wasmesh
//    generate` runs them (resources, model, plan, envoy objects, YAML emit, the proto gate that
//    reads every bootstrap back and checks it against Envoy's protos, the atomic write). CPU ms of
//    this process, median of a few runs after a first run whose one-time costs (JSON Schema
//    compilation, loading Envoy's protos) are recorded apart. Node's start and module loading are
//    not in it.
//  - the CLI: `node bin/wasmesh.js generate` in a child process, wall and CPU (user + system)
//    ms, start-up included; `wasmesh version` gives the start-up floor.
// Cases: 500 services / 500 routes / 1,500 policies with 10 sidecars (issue 4's case; every
// sidecar's bootstrap carries every service's clusters and routes, as Istio does without a Sidecar
// resource), and a scaling series 100 → 10,000 services. Results: bench/results/generator.json.
// Usage: node --import tsx bench/generator/run.ts [--quick]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cpus, loadavg, tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadResources } from "../../generator/resources/index.ts";
import { buildModel } from "../../generator/model/index.ts";
import { buildPlans } from "../../generator/plan/index.ts";
import { bootstrap, SharedParts } from "../../generator/envoy/index.ts";
import { emitYamlPieces, withPieces } from "../../generator/emit/index.ts";
import { bootstrapHeader, generate } from "../../generator/pipeline.ts";
import { protoGate } from "../../generator/cli/proto-gate.ts";
import { writeFolderAtomically } from "../../generator/cli/atomic-write.ts";
import { syntheticMesh, type MeshSize } from "./synthetic-mesh.ts";

const quick = process.argv.includes("--quick");
const root = join(fileURLToPath(import.meta.url), "..", "..", "..");
const OPTIONS = { wasmDir: "/etc/wasmesh/wasm" };
const STAGES = ["resources", "model", "plan", "envoy", "emit", "protoGate", "write"] as const;

/** CPU time of this process: the machine is shared, so wall time mostly measures the neighbours. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const round = (x: number) => Math.round(x * 10) / 10;

/** One run from text to written files; CPU ms per stage. */
function runOnce(files: { path: string; text: string }[], outDir: string) {
  const ms: Record<string, number> = {};
  let t = cpuMs();
  const lap = (stage: string) => { const now = cpuMs(); ms[stage] = now - t; t = now; };
  const loaded = loadResources(files); lap("resources");
  const built = buildModel(loaded.resources); lap("model");
  const planned = buildPlans(built.model, OPTIONS); lap("plan");
  const parts = new SharedParts();
  const objects = planned.plans.map((plan) => bootstrap(plan, parts)); lap("envoy");
  const outputs = planned.plans.map((plan, i) => {
    const pieces = emitYamlPieces(objects[i], bootstrapHeader(plan), parts.objects);
    return withPieces({ path: `${plan.outputName}.yaml`, text: pieces.join("") }, pieces);
  }); lap("emit");
  const failures = protoGate(outputs); lap("protoGate");
  writeFolderAtomically(outDir, outputs); lap("write");
  ms.total = STAGES.reduce((n, s) => n + ms[s], 0);
  const errors = [...loaded.diagnostics, ...built.diagnostics, ...planned.diagnostics].filter((d) => d.severity === "error");
  return { ms, outputs, errors: errors.length + failures.length };
}

/**
 * `runs` measured runs after a first (cold) run and `warmups` more: V8 keeps optimizing the
 * pipeline's functions for several runs, and a median of the first few measures the JIT's
 * progress more than the generator (12-06, one sidecar, a loaded machine: 130–310 ms over the
 * five runs after the cold one, 90–150 ms after them).
 */
function measure(size: MeshSize, runs: number, warmups = 0) {
  const files = syntheticMesh(size);
  const outDir = join(mkdtempSync(join(tmpdir(), "wasmesh-bench-")), "out");
  try {
    const first = runOnce(files, outDir);
    // The stages above are what generate() does: same bytes, and a mesh that generates cleanly.
    const check = generate({ files, options: OPTIONS });
    const same = check.outputs.length === size.workloads && check.outputs.every((o, i) => o.text === first.outputs[i].text);
    if (!same || first.errors > 0) throw new Error(`synthetic mesh did not generate cleanly (${first.errors} errors)`);
    for (let i = 0; i < warmups; i++) runOnce(files, outDir);
    const samples: Record<string, number[]> = {};
    for (let i = 0; i < runs; i++) {
      const r = runOnce(files, outDir);
      for (const [k, v] of Object.entries(r.ms)) (samples[k] ??= []).push(v);
    }
    const ms = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round(median(v))]));
    return {
      size, inputBytes: files.reduce((n, f) => n + f.text.length, 0), bootstraps: size.workloads,
      outputBytes: first.outputs.reduce((n, o) => n + o.text.length, 0), warmups, runs,
      firstRunTotalMs: round(first.ms.total), ms,
    };
  } finally {
    rmSync(join(outDir, ".."), { recursive: true, force: true });
  }
}

/** `wasmesh <args>` in a child process: wall, user and system ms (bash's `time`), median of runs. */
function cli(args: string[], runs: number) {
  const samples = { wall: [] as number[], cpu: [] as number[] };
  const command = `TIMEFORMAT='%R %U %S'; time node bin/wasmesh.js ${args.map((a) => `'${a}'`).join(" ")} >/dev/null 2>&1`;
  for (let i = 0; i < runs; i++) {
    const r = spawnSync("bash", ["-c", command], { cwd: root, encoding: "utf8" });
    const m = /([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    if (r.status !== 0 || !m) throw new Error(`wasmesh ${args.join(" ")} failed (exit ${r.status}); run it by hand to see why`);
    samples.wall.push(Number(m[1]) * 1000);
    samples.cpu.push((Number(m[2]) + Number(m[3])) * 1000);
  }
  return { wallMs: round(median(samples.wall)), cpuMs: round(median(samples.cpu)) };
}

function measureCli(size: MeshSize, runs: number) {
  const dir = mkdtempSync(join(tmpdir(), "wasmesh-bench-cli-"));
  try {
    const mesh = join(dir, "mesh");
    mkdirSync(mesh);
    for (const f of syntheticMesh(size)) writeFileSync(join(mesh, f.path), f.text);
    return {
      startup: cli(["version"], runs),
      generate: cli(["generate", mesh, "--output", join(dir, "out"), "--wasm-dir", OPTIONS.wasmDir, "--quiet"], runs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = quick ? 1 : 9;
const warmups = quick ? 0 : 5;
const headlineSize = { services: 500, routes: 500, policies: 1500, workloads: 10 };
const headline = measure(headlineSize, runs, warmups);
console.log("500/500/1500, 10 sidecars, in-process CPU ms:", headline.ms, "first run:", headline.firstRunTotalMs);
// Envoy Gateway's 139 ms is for one gateway, i.e. one Envoy configuration: the same mesh for one sidecar.
const oneSidecar = measure({ ...headlineSize, workloads: 1 }, runs, warmups);
console.log("500/500/1500, 1 sidecar, in-process CPU ms:", oneSidecar.ms);
const cliResult = measureCli(headlineSize, quick ? 1 : 3);
console.log("CLI (child process):", cliResult);
const series = [];
for (const services of quick ? [100, 1000] : [100, 500, 1000, 2500, 5000, 10000]) {
  const r = measure({ services, routes: services, policies: services * 3, workloads: 10 }, services >= 2500 ? 1 : 3, services >= 2500 ? 0 : 3);
  console.log(`${services} services:`, r.ms);
  series.push(r);
}
const perService = series.map((r) => Math.round((r.ms.total / r.size.services) * 1000) / 1000);
const result = {
  date: new Date().toISOString(),
  node: process.version,
  machine: { cpus: cpus().length, loadAverageAtEnd: loadavg().map((l) => Math.round(l * 10) / 10) },
  note: "In-process: CPU ms of this process from mesh YAML text to bootstraps written to disk, per stage (resources, model, plan, envoy, emit, protoGate = read back + Envoy proto check, write), median of `runs` after a first run and `warmups` unrecorded runs that let V8 finish optimizing (firstRunTotalMs: includes one-time JSON Schema compilation and loading Envoy's protos); Node start and module loading excluded. cli: `wasmesh generate` in a child process, wall and user+system CPU ms including Node start; startup = `wasmesh version`. Each bootstrap carries every service's clusters and routes (no Sidecar resource: Istio's default), so output grows with services x sidecars (10 sidecars). Envoy Gateway: 139 ms for 500 services/routes/1,500 policies (one gateway).",
  headline,
  headlineTotalPerSidecarMs: round(headline.ms.total / headline.bootstraps),
  oneSidecar,
  cli: cliResult,
  series,
  msPerServiceAcrossSeries: perService,
};
const dir = join(root, "bench", "results");
mkdirSync(dir, { recursive: true });
if (!quick) writeFileSync(join(dir, "generator.json"), JSON.stringify(result, null, 2) + "\n");
console.log("ms per service:", perService.join(", "));
