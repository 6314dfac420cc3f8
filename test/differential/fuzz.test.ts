// Differential fuzzing: seeded random requests through real Envoy and through the host; every
// one must look the same to the client and the upstream. Requests outside what the host models
// are left out (resets, CONNECT, non-origin-form targets, headers past the Node upstream's 16 KiB).
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { startPlugin, exchange, type Pair, type Plugin } from "../../host/index.ts";
import { randomRequest, rng, type FuzzRequest } from "../host/fuzz/random-requests.ts";
import { FUZZ_TARGETS } from "../host/fuzz/targets.ts";
import { comparable } from "../host/scenario-kit/check.ts";
import { nodeJoin, flatHeaders } from "../host/scenario-kit/node-headers.ts";
import type { Observation } from "../host/scenario-kit/types.ts";
import { wasmPath } from "../support/paths.ts";
import { startEnvoyWith, type EnvoyUnderTest } from "./envoy-harness.ts";
import { sendRaw } from "./raw-client.ts";

// DIFF_FUZZ_REQUESTS=2000 for a longer run.
const REQUESTS = Number(process.env.DIFF_FUZZ_REQUESTS ?? 300);

function modelled(r: FuzzRequest): boolean {
  const headers = r.headers as Pair[];
  // Origin-form targets only: Envoy rewrites absolute-form and answers "*" itself (not modelled).
  return r.resetAfter === undefined && r.method !== "CONNECT" && r.authority !== "" && r.path.startsWith("/")
    && !headers.some(([k]) => k.toLowerCase() === "host")
    && headers.reduce((n, [k, v]) => n + k.length + v.length + 4, 0) < 12_000;
}

for (const filter of ["route-match", "noop"] as const) {
  const target = FUZZ_TARGETS[filter];
  const routes = filter === "noop" ? [{ match: { prefix: "/" }, route: { cluster: "api" } }] : undefined;
  let envoy: EnvoyUnderTest;
  let plugin: Plugin;
  before(async () => {
    envoy = await startEnvoyWith({ filter, config: target.config, clusters: target.clusters, routes });
    plugin = startPlugin({ wasm: wasmPath(filter), name: filter, config: target.config, clusters: target.clusters, routes });
  });
  after(async () => envoy?.stop());

  test(`${filter}: ${REQUESTS} random requests look the same through Envoy and the host`, async () => {
    const next = rng(20261125);
    const differences: string[] = [];
    let compared = 0;
    while (compared < REQUESTS) {
      const r = randomRequest(next);
      if (!modelled(r)) continue;
      compared++;
      const body = r.body === undefined ? undefined : typeof r.body === "string" ? r.body : r.body.join("");
      const counts = new Map([...envoy.upstreams].map(([n, u]) => [n, u.requests.length]));
      const raw = await sendRaw(envoy.port, { method: r.method!, path: r.path, authority: r.authority!, headers: r.headers as Pair[], body });
      const reached = [...envoy.upstreams].find(([n, u]) => u.requests.length > counts.get(n)!);
      const last = reached === undefined ? null : reached[1].requests.at(-1)!;
      const onEnvoy: Observation = { status: raw.status, upstream: last?.upstream ?? null, upstreamUrl: last?.url ?? null,
        upstreamHeaders: last === null ? {} : flatHeaders(last.headers), responseHeaders: nodeJoin(raw.headers), body: raw.body, logs: [] };
      const h = exchange(plugin, { ...r, body });
      const onHost: Observation = { status: h.status, upstream: h.upstream?.cluster ?? null, upstreamUrl: h.upstream?.url ?? null,
        upstreamHeaders: nodeJoin(h.upstream?.headers.pairs() ?? []), responseHeaders: nodeJoin(h.headers.pairs()), body: h.body, logs: [] };
      if (!("content-length" in onHost.responseHeaders)) onHost.responseHeaders["content-length"] = String(Buffer.byteLength(h.body, "latin1"));
      const [a, b] = [JSON.stringify(comparable(onHost)), JSON.stringify(comparable(onEnvoy))];
      if (a !== b) differences.push(`${r.method} ${JSON.stringify(r.path).slice(0, 120)}\n  host:  ${a.slice(0, 400)}\n  envoy: ${b.slice(0, 400)}`);
    }
    assert.deepEqual(differences.slice(0, 5), []);
  });
}
