// One Envoy with auth-policy in front of a recording upstream, an access log that prints the
// filter's decision (filter state wasm.wasmesh.auth), and helpers to read counters.
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEnvoy, type RunningEnvoy } from "../support/envoy.ts";
import { startUpstream, type Upstream } from "../support/upstream.ts";
import { freePort } from "../support/ports.ts";
import { testBootstrap } from "../support/bootstrap.ts";
import { AUTH_DECISION_PROPERTY, type AuthPolicyConfig } from "../../generator/plan/filters/auth-policy.ts";

export interface AuthEnvoy {
  envoy: RunningEnvoy;
  upstream: Upstream;
  port: number;
  base: string;
  /** Decisions the access log recorded so far, one per finished request. */
  decisions(): string[];
  /** A filter counter by its defined name (admin /stats shows it as `wasmcustom.<name>`). */
  counter(name: string): Promise<number>;
  /** The counter once what earlier requests added has reached Envoy (the filter sends counters on a 1 s tick). */
  settledCounter(name: string): Promise<number>;
  /** Waits (up to 3 s) until the counter reaches `value`; returns what it last read. */
  counterReaching(name: string, value: number): Promise<number>;
  prometheus(): Promise<string>;
  stop(): Promise<void>;
}

/** auth-policy's default metricsFlushMs (the generated configurations leave it out). */
const FLUSH_MS = 1000;

/** The HCM of a test bootstrap (the first listener's only filter). */
export function hcmOf(bootstrap: any): any {
  return bootstrap.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;
}

export function withDecisionLog(bootstrap: any, logFile: string): any {
  hcmOf(bootstrap).access_log = [{
    name: "envoy.access_loggers.file",
    typed_config: {
      "@type": "type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog",
      path: logFile,
      log_format: { text_format_source: { inline_string: `%FILTER_STATE(wasm.${AUTH_DECISION_PROPERTY}:PLAIN)%|%RESPONSE_CODE%\n` } },
    },
  }];
  return bootstrap;
}

/** `config` may be a function of the listener port (for port rules). */
export async function startAuthEnvoy(
  configOrFn: AuthPolicyConfig | object | string | ((port: number) => AuthPolicyConfig),
  /** Extra HttpConnectionManager fields, e.g. Envoy's path normalization settings. */
  hcm: object = {},
): Promise<AuthEnvoy> {
  const upstream = await startUpstream("backend");
  const [adminPort, port] = [await freePort(), await freePort()];
  const config = typeof configOrFn === "function" ? configOrFn(port) : configOrFn;
  const logFile = join(mkdtempSync(join(tmpdir(), "wasmesh-auth-")), "access.log");
  const bootstrap = withDecisionLog(testBootstrap({
    adminPort, listenerPort: port,
    filters: [{ filter: "auth-policy", config: config as object }],
    clusters: { backend: upstream.port },
    routes: [{ match: { prefix: "/" }, route: { cluster: "backend" } }],
  }), logFile);
  Object.assign(hcmOf(bootstrap), hcm);
  let envoy: RunningEnvoy;
  try {
    envoy = await startEnvoy({ adminPort, bootstrap });
  } catch (e) {
    await upstream.close();
    throw e;
  }
  const counter = async (name: string): Promise<number> => {
    const text = await (await fetch(`${envoy.adminUrl}/stats?filter=${encodeURIComponent(`^wasmcustom\\.${name.replaceAll(".", "\\.")}$`)}`)).text();
    const m = text.match(/: (\d+)/);
    if (!m) throw new Error(`no counter ${name} in /stats: ${text}`);
    return Number(m[1]);
  };
  return {
    envoy, upstream, port, base: `http://127.0.0.1:${port}`,
    decisions: () => existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").filter(Boolean) : [],
    counter,
    async settledCounter(name) {
      await new Promise((r) => setTimeout(r, FLUSH_MS + 300));
      return counter(name);
    },
    async counterReaching(name, value) {
      const deadline = Date.now() + 3 * FLUSH_MS;
      let n = await counter(name);
      while (n < value && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        n = await counter(name);
      }
      return n;
    },
    prometheus: async () => (await fetch(`${envoy.adminUrl}/stats/prometheus`)).text(),
    async stop() { await envoy.stop(); await upstream.close(); },
  };
}

/** Waits until the access log's last line is `last` (Envoy flushes files every 10 s by default). */
export async function decisionsEndingWith(e: AuthEnvoy, last: string, timeoutMs = 15000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const d = e.decisions();
    if (d.at(-1) === last) return d;
    await new Promise((r) => setTimeout(r, 100));
  }
  return e.decisions();
}
