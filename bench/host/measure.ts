// Nanoseconds per request for a filter on the TS host: the whole Envoy-like exchange (context
// creation, request and response callbacks, log/done/delete, router) against a static upstream,
// after a warm-up, many iterations per run, median of several runs.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startPlugin, exchange, type RequestSpec, type RouteSpec, type UpstreamHandler } from "../../host/index.ts";

const root = join(fileURLToPath(import.meta.url), "..", "..", "..");

export interface MeasureOptions {
  /** A filter under build/ ("route-match"), or give `wasm`. */
  filter?: string;
  wasm?: string | Uint8Array;
  config: string | object;
  /** Cycled through in order. */
  requests: RequestSpec[];
  clusters?: string[];
  routes?: RouteSpec[];
  warmup?: number;
  iterations?: number;
  runs?: number;
}

export interface Measurement {
  filter: string;
  nsPerRequest: number;
  runsNsPerRequest: number[];
  iterations: number;
  runs: number;
  requestKinds: number;
}

const staticUpstream: UpstreamHandler = () => ({ status: 200, headers: { "content-type": "text/plain" }, body: "ok" });

export function measureFilter(o: MeasureOptions): Measurement {
  const name = o.filter ?? "filter";
  const plugin = startPlugin({ wasm: o.wasm ?? join(root, "build", `${name}.wasm`), name, config: o.config,
    clusters: o.clusters ?? ["api", "health"], routes: o.routes, logLevel: "info" });
  const iterations = o.iterations ?? 20000;
  const runs = o.runs ?? 5;
  const once = (i: number) => exchange(plugin, o.requests[i % o.requests.length], staticUpstream);
  for (let i = 0; i < (o.warmup ?? 2000); i++) once(i);
  const perRun: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) once(i);
    perRun.push(Number(process.hrtime.bigint() - start) / iterations);
  }
  if (plugin.failed) throw new Error(`${name} trapped during the benchmark: ${plugin.logs.map((l) => l.text).join("\n")}`);
  const sorted = [...perRun].sort((a, b) => a - b);
  return { filter: name, nsPerRequest: Math.round(sorted[Math.floor(sorted.length / 2)]), runsNsPerRequest: perRun.map(Math.round),
    iterations, runs, requestKinds: o.requests.length };
}
