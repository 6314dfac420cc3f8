// Runs requests through real Envoy for the differential suite: one Envoy per (filter, config,
// routes) with a Node echo upstream per cluster, requests sent with exactly the given headers.
import { request as httpRequest } from "node:http";
import { startEnvoy, type RunningEnvoy } from "../support/envoy.ts";
import { startUpstream, type Upstream, type SeenRequest } from "../support/upstream.ts";
import { freePort } from "../support/ports.ts";
import { testBootstrap } from "../support/bootstrap.ts";
import type { RouteSpec } from "../../host/index.ts";

export interface EnvoyUnderTest {
  envoy: RunningEnvoy;
  upstreams: Map<string, Upstream>;
  port: number;
  stop(): Promise<void>;
}

export interface EnvoyResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** What the upstream saw, when the request reached one. */
  upstream: SeenRequest | null;
}

/**
 * `filter` is a name under build/ ("route-match") or "fixtures/probe"; Envoy's plugin name, root_id
 * and vm_id are the last path segment, as on the host.
 */
export async function startEnvoyWith(o: { filter: string; config: object | string; clusters: string[];
  routes?: RouteSpec[]; failurePolicy?: "FAIL_CLOSED" | "FAIL_OPEN" | "FAIL_RELOAD"; concurrency?: number }): Promise<EnvoyUnderTest> {
  const upstreams = new Map<string, Upstream>();
  for (const c of o.clusters) upstreams.set(c, await startUpstream(c));
  const [adminPort, port] = [await freePort(), await freePort()];
  const bootstrap = testBootstrap({ adminPort, listenerPort: port, routes: o.routes,
    filters: [{ filter: o.filter, config: o.config, failurePolicy: o.failurePolicy }],
    clusters: Object.fromEntries([...upstreams].map(([n, u]) => [n, u.port])) });
  const name = o.filter.split("/").pop()!;
  const text = JSON.stringify(bootstrap).replaceAll(`"${o.filter}"`, `"${name}"`).replaceAll(`"wasmesh.${o.filter}"`, `"wasmesh.${name}"`);
  let envoy: RunningEnvoy;
  try {
    // JSON text, not YAML: Envoy reads YAML 1.1, where an unquoted yes/no would turn into a bool.
    envoy = await startEnvoy({ adminPort, bootstrap: text, concurrency: o.concurrency });
  } catch (err) {
    await Promise.all([...upstreams.values()].map((u) => u.close()));
    throw err;
  }
  return { envoy, upstreams, port, stop: async () => {
    await envoy.stop();
    await Promise.all([...upstreams.values()].map((u) => u.close()));
  } };
}

export function send(e: EnvoyUnderTest, r: { method?: string; path: string; authority?: string;
  headers?: Record<string, string | string[]>; body?: string | string[] }): Promise<EnvoyResponse> {
  const before = new Map([...e.upstreams].map(([n, u]) => [n, u.requests.length]));
  const chunks = r.body === undefined ? [] : typeof r.body === "string" ? [r.body] : r.body;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: e.port, method: r.method ?? "GET", path: r.path, agent: false,
      headers: { host: r.authority ?? "example.com", ...r.headers,
        ...(chunks.length > 0 ? { "content-length": String(chunks.reduce((n, c) => n + Buffer.byteLength(c), 0)) } : {}) } }, (res) => {
      let body = "";
      res.setEncoding("latin1");
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        let upstream: SeenRequest | null = null;
        for (const [n, u] of e.upstreams) if (u.requests.length > before.get(n)!) upstream = u.requests[u.requests.length - 1];
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, upstream });
      });
    });
    req.on("error", reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}
