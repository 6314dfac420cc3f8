// Runs scenarios through real Envoy: one Envoy per setup (filter, config, routes, clusters,
// failure policy); per file, the observations and the Prometheus metric deltas.
import type { Observation, Scenario } from "../host/scenario-kit/types.ts";
import { flatHeaders } from "../host/scenario-kit/node-headers.ts";
import { startEnvoyWith, send, type EnvoyUnderTest } from "./envoy-harness.ts";

export function setupKey(s: Scenario): string {
  return JSON.stringify([s.filter, s.config, s.routes ?? null, [...s.clusters].sort(), s.failurePolicy ?? "FAIL_CLOSED"]);
}

export async function startFor(s: Scenario): Promise<EnvoyUnderTest> {
  return startEnvoyWith({ filter: s.filter, config: s.config, clusters: s.clusters, routes: s.routes, failurePolicy: s.failurePolicy });
}

export async function prometheus(e: EnvoyUnderTest): Promise<Record<string, number>> {
  const text = await (await fetch(`${e.envoy.adminUrl}/stats/prometheus`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)\{\} (\S+)$/.exec(line);
    if (m && !m[1].startsWith("envoy_")) out[m[1]] = Number(m[2]);
  }
  return out;
}

const wasmLines = (log: string) => log.split("\n").filter((l) => l.includes("][wasm] ")).map((l) => l.slice(l.indexOf("][wasm] ") + 8));

export async function runOnEnvoy(e: EnvoyUnderTest, s: Scenario): Promise<{ observations: Observation[]; metrics: Record<string, number> }> {
  const before = await prometheus(e);
  const observations: Observation[] = [];
  for (const c of s.cases) {
    const logStart = wasmLines(e.envoy.log()).length;
    const r = await send(e, c.request);
    if (c.expect.logs?.length || s.compareLogs) await new Promise((res) => setTimeout(res, 100));
    observations.push({
      status: r.status,
      upstream: r.upstream?.upstream ?? null,
      upstreamUrl: r.upstream?.url ?? null,
      upstreamHeaders: r.upstream === null ? {} : flatHeaders(r.upstream.headers),
      responseHeaders: flatHeaders(r.headers),
      body: r.body,
      logs: wasmLines(e.envoy.log()).slice(logStart),
    });
  }
  const after = await prometheus(e);
  const metrics: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) metrics[k] = v - (before[k] ?? 0);
  return { observations, metrics };
}
