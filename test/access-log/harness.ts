// Real Envoy with the access-log filter behind a test-only filter that plays auth-policy (it
// sets "wasmesh.auth" from the x-test-auth request header), one upstream, optionally a Node
// OTLP collector. Records on stdout are read back from Envoy's log with the prefix stripped.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEnvoy, type RunningEnvoy } from "../support/envoy.ts";
import { startUpstream, type Upstream } from "../support/upstream.ts";
import { freePort } from "../support/ports.ts";
import { testBootstrap, wasmHttpFilter } from "../support/bootstrap.ts";
import { projectRoot } from "../support/paths.ts";
import { startCollector, type Collector } from "./collector.ts";

let fixturePath: string | null = null;

/** Builds the auth-decision stand-in once per test process (noop's options: the incremental GC,
 * as it allocates per request and, unlike access-log, has no collection points). */
export function authFixture(): string {
  if (fixturePath && existsSync(fixturePath)) return fixturePath;
  const out = join(mkdtempSync(join(tmpdir(), "wasmesh-al-")), "set-auth-decision.wasm");
  execFileSync(join(projectRoot, "node_modules", ".bin", "asc"),
    ["filters/access-log/__tests__/fixtures/set-auth-decision.ts", "--config", "asconfig.json", "--target", "noop", "--outFile", out],
    { cwd: projectRoot, stdio: ["ignore", "ignore", "inherit"] });
  fixturePath = out;
  return out;
}

export const ROUTE_ID = "vs/shop/reviews/r0";
/** What Envoy prints before each stdout line of the plugin (plugin, root_id and vm_id names). */
export const STDOUT_PREFIX = "wasm log access-log access-log access-log: ";

export interface Mesh {
  envoy: RunningEnvoy;
  upstream: Upstream;
  collector: Collector | null;
  base: string;
  /** The plugin's stdout lines, prefix stripped. */
  lines(): string[];
  /** Admin /stats as name → value (counters and gauges); wasm metrics without "wasmcustom.". */
  stats(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export interface MeshOptions {
  collector?: "up" | "down";
  /** Extra routes before the catch-all (e.g. one to a cluster without endpoints). */
  routes?: object[];
  clusters?: Record<string, number>;
}

export function collectorSink(cluster = "collector", over: object = {}): object {
  return { cluster, authority: "otel-collector", path: "/v1/logs", batchSize: 50, flushIntervalMs: 100,
    maxBuffered: 5000, timeoutMs: 2000, ...over };
}

export async function startMesh(config: object, options: MeshOptions = {}): Promise<Mesh> {
  const upstream = await startUpstream("reviews");
  const collector = options.collector === "up" ? await startCollector() : null;
  const collectorPort = collector ? collector.port : await freePort(); // "down": nothing listens
  const [adminPort, listenerPort] = [await freePort(), await freePort()];
  const bootstrap = testBootstrap({
    adminPort, listenerPort,
    filters: [{ filter: "access-log", config, failurePolicy: "FAIL_OPEN" }],
    clusters: { reviews: upstream.port, collector: collectorPort, ...(options.clusters ?? {}) },
    routes: [...(options.routes ?? []), { name: ROUTE_ID, match: { prefix: "/" }, route: { cluster: "reviews" } }],
  }) as any;
  const auth = wasmHttpFilter({ filter: "noop", config: "" }) as any;
  auth.name = "test.set-auth-decision";
  Object.assign(auth.typed_config.config, { name: "set-auth", root_id: "set-auth" });
  Object.assign(auth.typed_config.config.vm_config, { vm_id: "set-auth", code: { local: { filename: authFixture() } } });
  const hcm = bootstrap.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;
  hcm.http_filters.unshift(auth);
  bootstrap.stats_flush_interval = "0.2s";
  const envoy = await startEnvoy({ adminPort, bootstrap });
  return {
    envoy, upstream, collector,
    base: `http://127.0.0.1:${listenerPort}`,
    lines: () => envoy.log().split("\n").flatMap((l) => {
      const i = l.indexOf(STDOUT_PREFIX);
      return i < 0 ? [] : [l.slice(i + STDOUT_PREFIX.length)];
    }),
    stats: async () => {
      const text = await (await fetch(`${envoy.adminUrl}/stats?format=json`)).json() as { stats: { name: string; value?: number }[] };
      return Object.fromEntries(text.stats.filter((s) => s.value !== undefined).map((s) => [s.name.replace(/^wasmcustom\./, ""), s.value!]));
    },
    stop: async () => {
      await envoy.stop();
      await Promise.all([upstream.close(), collector?.close()]);
    },
  };
}

/** Polls `check` until it holds or `timeoutMs` passes; returns its last result. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

/** The base access-log configuration of the tests (every field, JSON, all sampled). */
export function baseConfig(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    workload: "reviews",
    format: "json",
    fields: ["start_time", "method", "authority", "path", "protocol", "response_code", "response_flags",
      "bytes_received", "bytes_sent", "duration", "upstream_duration", "upstream_host", "upstream_cluster",
      "route", "request_id", "traceparent", "trace_id", "user_agent", "peer", "auth_decision", "source_address"],
    requestHeaders: ["x-custom", "authorization", "cookie", "x-api-key"],
    responseHeaders: ["x-upstream", "set-cookie"],
    redact: { headers: ["x-api-key"], queryParams: ["token", "api_key"], cookies: ["sid"], mode: "mask" },
    sampling: { percent: 100, keepErrors: true },
    sinks: { stdout: true },
    metricsPrefix: "wasmesh_access",
    ...over,
  };
}
