// What one host call costs inside real Envoy (issue 9's attribution): Envoys with the router-only
// bootstrap of the load benchmark plus bench/load/host-calls/wasm/probe.ts, each configured to make
// one kind of host call N times per request, loaded by wrk in interleaved rounds. The cost of a
// call is (CPU per request of that kind − CPU per request of "none") / N. Results:
// bench/results/host-calls.json. The batched-read kinds (cel, props, cel1) make their calls in
// on_log, where an access logger reads its attributes; one of their "calls" is one expr_evaluate
// (cel: a CEL list of the 14 attributes of batch.ts; cel1: `source.address` alone) or 14
// proxy_get_property (props: the same 14 attributes one by one).
//   node --import tsx bench/load/host-calls/run.ts [--rounds 4] [--seconds 5] [--calls 16] [--write]
//     [--kinds none,cel,props,cel1] [--name host-calls-batch]   (a subset, written to bench/results/<name>.json)
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { envoyBin, projectRoot } from "../../../test/support/paths.ts";
import { freePort } from "../../../test/support/ports.ts";
import { benchBootstraps } from "../bootstraps.ts";
import { startBenchEnvoy, upstreamBootstrap, type BenchEnvoy } from "../envoys.ts";
import { measure, type Run } from "../measure.ts";
import { ensureWrk } from "../wrk.ts";
import { ATTRIBUTES, celLines, propLines } from "./batch.ts";
import { buildProbe } from "./build-probe.ts";

const ALL_KINDS = ["none", "pairs", "value", "property", "metric", "replace", "stdout", "cel", "props", "cel1"] as const;
type Kind = (typeof ALL_KINDS)[number];
const WHAT: Record<Kind, string> = {
  none: "the probe filter making no call (the proxy-wasm floor)",
  pairs: "proxy_get_header_map_pairs (request headers, 6 headers incl. a 400-byte JWT) + free",
  value: "proxy_get_header_map_value(:path) + free",
  property: "proxy_get_property(source.address) + free",
  metric: "proxy_increment_metric (a counter)",
  replace: "proxy_replace_header_map_value (request header; Envoy clears the route cache)",
  stdout: "WASI fd_write of a 200-byte line (Envoy logs it at info; output to /dev/null)",
  cel: `in on_log: one expr_evaluate (proxy_call_foreign_function) of the CEL list of ${ATTRIBUTES.length} attributes (batch.ts), created once at configure + free`,
  props: `in on_log: the same ${ATTRIBUTES.length} attributes by ${ATTRIBUTES.length} proxy_get_property calls + free each`,
  cel1: "in on_log: one expr_evaluate of `source.address` + free",
};
// The probe's configuration per kind: "<probe kind> <n>" and its read lines.
function probeConfig(kind: Kind): string {
  const n = kind === "none" ? 0 : calls;
  if (kind === "cel") return [`cel ${n}`, ...celLines()].join("\n");
  if (kind === "props") return [`props ${n}`, ...propLines()].join("\n");
  if (kind === "cel1") return [`cel ${n}`, "expr source.address"].join("\n");
  return `${kind} ${n}`;
}

const { values: opt } = parseArgs({ options: {
  rounds: { type: "string", default: "4" }, seconds: { type: "string", default: "5" },
  calls: { type: "string", default: "16" }, connections: { type: "string", default: "16" }, write: { type: "boolean", default: false },
  kinds: { type: "string" }, name: { type: "string", default: "host-calls" },
} });
const rounds = Number(opt.rounds), seconds = Number(opt.seconds), calls = Number(opt.calls), connections = Number(opt.connections);
const KINDS: Kind[] = opt.kinds === undefined ? [...ALL_KINDS] : ["none", ...opt.kinds.split(",").filter((k): k is Kind => {
  if (!(ALL_KINDS as readonly string[]).includes(k)) throw new Error(`unknown kind ${k}; kinds: ${ALL_KINDS.join(", ")}`);
  return k !== "none";
})];

const wasm = buildProbe();
const wrkVersion = ensureWrk();
const envoyVersion = /version: (\S+)/.exec(execFileSync(envoyBin(), ["--version"], { encoding: "utf8" }))?.[1] ?? "unknown";
const loadAtStart = loadavg();
const started: BenchEnvoy[] = [];

type Obj = Record<string, any>;
function probeBootstrap(router: Obj, kind: Kind): Obj {
  const boot = structuredClone(router);
  const hcm = boot.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;
  hcm.http_filters = [{
    name: "wasmesh.probe",
    typed_config: {
      "@type": "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
      config: {
        name: "probe", root_id: "probe",
        configuration: { "@type": "type.googleapis.com/google.protobuf.StringValue", value: probeConfig(kind) },
        vm_config: { vm_id: "probe", runtime: "envoy.wasm.runtime.v8", code: { local: { filename: wasm } } },
        failure_policy: "FAIL_CLOSED",
      },
    },
  }, ...hcm.http_filters];
  return boot;
}

try {
  const upstreamPort = await freePort(), upstreamAdmin = await freePort();
  const upstream = await startBenchEnvoy("upstream", upstreamBootstrap(upstreamPort, upstreamAdmin), upstreamAdmin);
  started.push(upstream);
  const envoys = {} as Record<string, { port: number; envoy: BenchEnvoy }>;
  for (const kind of KINDS) {
    const port = await freePort(), admin = await freePort();
    const router = benchBootstraps({ listener: port, admin, upstream: upstreamPort }, join(projectRoot, "build")).router as Obj;
    const envoy = await startBenchEnvoy(`probe-${kind}`, probeBootstrap(router, kind), admin);
    started.push(envoy);
    envoys[kind] = { port, envoy };
  }
  console.log(`wrk -t1 -c${connections}, ${rounds} rounds of ${seconds} s per kind, ${calls} calls per request; load ${loadAtStart.map((l) => l.toFixed(2)).join(" ")}`);
  for (const kind of KINDS) await measure(envoys[kind].port, envoys[kind].envoy.pid, upstream.pid, connections, 2);
  const perRound: Record<string, Run>[] = [];
  for (let i = 0; i < rounds; i++) {
    const round: Record<string, Run> = {};
    for (const kind of KINDS) {
      round[kind] = await measure(envoys[kind].port, envoys[kind].envoy.pid, upstream.pid, connections, seconds);
      if (round[kind].errors > 0) throw new Error(`probe ${kind}: ${round[kind].errors} errors`);
    }
    console.log(`round ${i + 1}: ${KINDS.map((k) => `${k} ${(round[k].cpuPer10k * 100).toFixed(1)} µs`).join(", ")}`);
    perRound.push(round);
  }
  const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  // Per round, the difference to "none" in the same round; then the median and spread over rounds.
  const perCall = Object.fromEntries(KINDS.filter((k) => k !== "none").map((k) => {
    const xs = perRound.map((r) => ((r[k].cpuPer10k - r.none.cpuPer10k) * 100) / calls);
    const entry: Obj = { what: WHAT[k], usPerCall: +median(xs).toFixed(2), min: +Math.min(...xs).toFixed(2), max: +Math.max(...xs).toFixed(2) };
    if (k === "props") entry.usPerProperty = +(median(xs) / ATTRIBUTES.length).toFixed(2);
    return [k, entry];
  }));
  const floorUs = +median(perRound.map((r) => r.none.cpuPer10k * 100)).toFixed(1);
  for (const [k, v] of Object.entries(perCall)) console.log(`${k.padEnd(9)} ${v.usPerCall.toFixed(2)} µs per call (${v.min.toFixed(2)}–${v.max.toFixed(2)})  ${v.what}`);
  console.log(`none: ${floorUs} µs of Envoy CPU per request`);
  const ratios = !KINDS.includes("cel") || !KINDS.includes("props") ? [] : perRound.map((r) => (r.cel.cpuPer10k - r.none.cpuPer10k) / (r.props.cpuPer10k - r.none.cpuPer10k));
  // The two measured next to each other in every round: what one record saves, without "none"'s noise.
  const saved = ratios.length === 0 ? [] : perRound.map((r) => ((r.props.cpuPer10k - r.cel.cpuPer10k) * 100) / calls);
  if (ratios.length > 0) {
    console.log(`cel ÷ props per round: ${ratios.map((x) => x.toFixed(2)).join(", ")} (median ${median(ratios).toFixed(2)})`);
    console.log(`props − cel per record: ${saved.map((x) => x.toFixed(1)).join(", ")} µs (median ${median(saved).toFixed(1)})`);
  }
  if (opt.write) {
    const result = {
      benchmark: opt.name, date: new Date().toISOString(), envoy: envoyVersion, wrk: wrkVersion, node: process.version,
      machine: `${cpus().length} × ${cpus()[0]?.model ?? "?"}`, loadAtStart, loadAtEnd: loadavg(),
      method: `Envoy --concurrency 1, wrk -t1 -c${connections}, ${rounds} rounds × ${seconds} s interleaved; ${calls} calls per request; CPU of the Envoy process from /proc`,
      floorUsPerRequest: floorUs, perCall,
      // Per round: one expr_evaluate of the 14-attribute list ÷ the 14 proxy_get_property it replaces.
      celOverProps: ratios.length === 0 ? undefined : ratios.map((x) => +x.toFixed(3)),
      celOverPropsMedian: ratios.length === 0 ? undefined : +median(ratios).toFixed(3),
      // Per round, (props − cel) ÷ N: CPU µs one 14-attribute record saves with one expr_evaluate.
      propsMinusCelUs: ratios.length === 0 ? undefined : saved.map((x) => +x.toFixed(2)),
      propsMinusCelUsMedian: ratios.length === 0 ? undefined : +median(saved).toFixed(2),
      rounds: perRound,
    };
    writeFileSync(join(projectRoot, "bench", "results", `${opt.name}.json`), JSON.stringify(result, null, 2) + "\n");
  }
} finally {
  for (const e of started.reverse()) await e.stop();
}
