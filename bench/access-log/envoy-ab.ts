// access-log builds compared on real Envoy: one Envoy per build (the filter alone, the JSON
// record of every field to stdout, every record kept) and one router-only Envoy, loaded by wrk
// in alternating order each round; CPU µs per request of each Envoy from /proc, medians and the
// per-round difference of this build against each variant. Writes nothing.
// Usage: node --import tsx bench/access-log/envoy-ab.ts --variant name=file.wasm [--variant …]
//   [--rounds 10] [--seconds 5]
import { loadavg } from "node:os";
import { startBenchEnvoy, upstreamBootstrap, type BenchEnvoy } from "../load/envoys.ts";
import { measure } from "../load/measure.ts";
import { freePort } from "../../test/support/ports.ts";
import { testBootstrap } from "../../test/support/bootstrap.ts";
import { wasmPath } from "../../test/support/paths.ts";
import { base } from "./scenarios.ts";

const args = process.argv.slice(2);
const opt = (name: string, d: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
const rounds = opt("--rounds", 10), seconds = opt("--seconds", 5);
const builds: Record<string, string | null> = { "this build": wasmPath("access-log"), "router only": null };
args.forEach((a, i) => { if (a === "--variant") { const [k, p] = args[i + 1].split("="); builds[k] = p; } });

const started: BenchEnvoy[] = [];
const median = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1];
try {
  const up = await freePort(), upAdmin = await freePort();
  const upstream = await startBenchEnvoy("upstream", upstreamBootstrap(up, upAdmin), upAdmin);
  started.push(upstream);
  const ports: Record<string, number> = {};
  const pids: Record<string, number> = {};
  for (const [name, wasm] of Object.entries(builds)) {
    const [listenerPort, adminPort] = [await freePort(), await freePort()];
    const boot = testBootstrap({ adminPort, listenerPort, clusters: { api: up }, routes: [{ name: "r", match: { prefix: "/" }, route: { cluster: "api" } }],
      filters: wasm === null ? [] : [{ filter: "access-log", config: base, failurePolicy: "FAIL_OPEN" }] }) as any;
    if (wasm !== null) boot.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.config.vm_config.code.local.filename = wasm;
    const e = await startBenchEnvoy(name.replace(/\W+/g, "-"), boot, adminPort);
    started.push(e);
    ports[name] = listenerPort;
    pids[name] = e.pid;
  }
  const names = Object.keys(builds);
  console.log(`${rounds} rounds of ${seconds} s per build, wrk -c16; load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  for (const n of names) await measure(ports[n], pids[n], upstream.pid, 16, 2);
  const us: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < rounds; i++) {
    for (const n of i % 2 ? [...names].reverse() : names) {
      const r = await measure(ports[n], pids[n], upstream.pid, 16, seconds);
      if (r.errors > 0) throw new Error(`${n}: ${r.errors} errors`);
      us[n].push(r.cpuPer10k * 100);
    }
    console.log(`round ${i + 1}: ${names.map((n) => `${n} ${us[n][i].toFixed(1)}`).join(", ")} µs CPU per request`);
  }
  console.table(Object.fromEntries(names.map((n) => [n, { "CPU µs per request (median)": +median(us[n]).toFixed(1),
    "this build − it, per round (median)": +median(us["this build"].map((v, i) => v - us[n][i])).toFixed(1) }])));
  console.log(`load at the end ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
} finally {
  await Promise.all(started.map((e) => e.stop()));
}
