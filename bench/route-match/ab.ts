// A/B of route-match builds, guest only (stub imports), CPU time: each wasm file given on the
// command line is loaded per route count, and the builds are timed interleaved in one process
// (median of runs) so that load on a shared machine hits them alike.
// Usage: node --import tsx bench/route-match/ab.ts a.wasm b.wasm ...   (noop: build/noop.wasm)
import { loadGuest } from "../support/guest-only.ts";
import { config, requests, asPairs } from "./scenarios.ts";

const files = process.argv.slice(2);
const ITER = Number(process.env.AB_ITER ?? 20_000), RUNS = Number(process.env.AB_RUNS ?? 9);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const n of [10, 100, 1000]) {
  const reqs = requests(n).map(asPairs);
  const cfg = JSON.stringify(config(n));
  const guests = files.map((wasm) => loadGuest(wasm.includes("noop") ? "noop" : "route-match", wasm.includes("noop") ? "{}" : cfg, { wasm }));
  const samples: number[][] = files.map(() => []);
  for (let run = 0; run < RUNS; run++) guests.forEach((g, j) => samples[j].push(g.nsPerRequest(reqs, ITER, 1)));
  console.log(`${n} routes: ` + files.map((f, j) => `${f.split("/").slice(-2).join("/")} ${median(samples[j])} ns`).join(" | "));
}
