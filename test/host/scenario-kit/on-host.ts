// Runs a scenario on the TS host: one plugin per file, each request as a full exchange.
import { startPlugin, exchange, type Plugin } from "../../../host/index.ts";
import { projectRoot } from "../../support/paths.ts";
import { join } from "node:path";
import { fixtureWasm } from "../fixtures/build.ts";
import type { Observation, Scenario } from "./types.ts";
import { nodeJoin } from "./node-headers.ts";

export function wasmFor(filter: string): string {
  return filter.startsWith("fixtures/") ? fixtureWasm(filter.slice("fixtures/".length)) : join(projectRoot, "build", `${filter}.wasm`);
}

export function pluginFor(s: Scenario): Plugin {
  const name = s.filter.split("/").pop()!;
  return startPlugin({ wasm: wasmFor(s.filter), name, config: s.config, clusters: s.clusters, routes: s.routes,
    failurePolicy: s.failurePolicy ?? "FAIL_CLOSED" });
}

export function runOnHost(s: Scenario): { observations: Observation[]; metrics: Record<string, number> } {
  const plugin = pluginFor(s);
  const observations = s.cases.map((c) => {
    const logsBefore = plugin.logs.length;
    const r = exchange(plugin, c.request);
    const responseHeaders = nodeJoin(r.headers.pairs());
    if (!("content-length" in responseHeaders)) responseHeaders["content-length"] = String(Buffer.byteLength(r.body, "latin1"));
    // Envoy's codec adds content-length to bodies the filter chain left without one.
    const upstreamHeaders = nodeJoin(r.upstream?.headers.pairs() ?? []);
    return {
      status: r.status,
      upstream: r.upstream?.cluster ?? null,
      upstreamUrl: r.upstream?.url ?? null,
      upstreamHeaders,
      responseHeaders,
      body: r.body,
      logs: plugin.logs.slice(logsBefore).map((l) => l.text),
    };
  });
  return { observations, metrics: plugin.prometheus() };
}
