// Drives a filter with random requests on the host and reports traps, host invariant errors
// (host exceptions, streams left open, missing responses) and guest linear-memory growth.
import { startPlugin, downstreamHeaders, exchange, type Plugin, type RouteSpec } from "../../../host/index.ts";
import { randomRequest, rng, type FuzzRequest, type FuzzVocabulary } from "./random-requests.ts";

export interface FuzzOptions {
  wasm: string;
  name: string;
  config: string;
  clusters: string[];
  routes?: RouteSpec[];
  vocabulary?: FuzzVocabulary;
  requests: number;
  seed?: number;
  /** Stop at the first trap (FAIL_CLOSED would answer 503 to everything after it). */
  stopOnTrap?: boolean;
}

export interface FuzzReport {
  requests: number;
  seed: number;
  traps: { request: number; log: string; input: FuzzRequest }[];
  invariantErrors: { request: number; error: string; input: FuzzRequest }[];
  statuses: Record<string, number>;
  /** Guest memory in bytes after 10 %, 50 % and 100 % of the requests. */
  memory: { at10: number; at50: number; atEnd: number };
  ms: number;
}

function drive(plugin: Plugin, r: FuzzRequest): number {
  // skipCodec: the filter gets even the bytes Envoy's codec would refuse with a 400.
  if (r.resetAfter === undefined) return exchange(plugin, { ...r, skipCodec: true }).status;
  const stream = plugin.newStream();
  const chunks = typeof r.body === "string" ? [r.body] : r.body ?? [];
  stream.sendRequestHeaders(downstreamHeaders(r), chunks.length === 0);
  if (r.resetAfter !== "headers") chunks.slice(0, r.resetAfter).forEach((c) => stream.sendRequestBody(c, false));
  stream.resetByClient();
  return -1;
}

export function fuzz(o: FuzzOptions): FuzzReport {
  const seed = o.seed ?? 1;
  const next = rng(seed);
  const plugin = startPlugin({ wasm: o.wasm, name: o.name, config: o.config, clusters: o.clusters, routes: o.routes });
  const vm = plugin.workers[0];
  const report: FuzzReport = { requests: 0, seed, traps: [], invariantErrors: [], statuses: {}, memory: { at10: 0, at50: 0, atEnd: 0 }, ms: 0 };
  const started = performance.now();
  for (let i = 0; i < o.requests; i++) {
    const input = randomRequest(next, o.vocabulary);
    const logsBefore = plugin.logs.length;
    try {
      const status = drive(plugin, input);
      report.statuses[status] = (report.statuses[status] ?? 0) + 1;
      if (status !== -1 && (status < 100 || status > 599)) throw new Error(`no valid response (status ${status})`);
      if (!plugin.workers[0].failed && plugin.workers[0].streams.size !== 0) throw new Error(`${vm.streams.size} stream contexts left open`);
    } catch (err) {
      report.invariantErrors.push({ request: i, error: String(err), input });
    }
    const trap = plugin.logs.slice(logsBefore).find((l) => l.level === "error" && l.text.startsWith("Function: "));
    if (trap !== undefined) {
      report.traps.push({ request: i, log: trap.text, input });
      if (o.stopOnTrap ?? true) break;
    }
    report.requests = i + 1;
    if (i + 1 === Math.ceil(o.requests * 0.1)) report.memory.at10 = plugin.workers[0].memory.size;
    if (i + 1 === Math.ceil(o.requests * 0.5)) report.memory.at50 = plugin.workers[0].memory.size;
  }
  report.memory.atEnd = plugin.workers[0].memory.size;
  report.ms = Math.round(performance.now() - started);
  return report;
}
