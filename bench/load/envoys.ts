// The Envoys of the load benchmark: one per configuration under test and one upstream answering
// every request with a small direct response. Each runs one worker thread; their output (the
// access records among it) goes to /dev/null so no pipe back to Node takes part in the figures.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { envoyBin } from "../../test/support/paths.ts";
import { spawnTracked, stopProcess } from "./processes.ts";

export interface BenchEnvoy {
  name: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startBenchEnvoy(name: string, bootstrap: object, adminPort: number): Promise<BenchEnvoy> {
  const dir = mkdtempSync(join(tmpdir(), `wasmesh-load-${name}-`));
  const file = join(dir, "envoy.yaml");
  writeFileSync(file, stringify(bootstrap));
  const child: ChildProcess = spawnTracked(envoyBin(), ["-c", file, "--use-dynamic-base-id", "--concurrency", "1", "-l", "warning",
    "--component-log-level", "wasm:info"], { stdio: "ignore" });
  const stop = () => stopProcess(child);
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Envoy ${name} exited (${child.exitCode ?? child.signalCode}) before it was ready; try: envoy --mode validate -c ${file}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${adminPort}/ready`);
      if (res.status === 200 && (await res.text()).trim() === "LIVE") return { name, pid: child.pid!, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`Envoy ${name} was not ready in 30 s (${file})`);
}

/** The upstream: every request gets 200 with a 2-byte body, no filter but the router. */
export function upstreamBootstrap(port: number, adminPort: number): object {
  return {
    admin: { address: { socket_address: { address: "127.0.0.1", port_value: adminPort } } },
    static_resources: {
      listeners: [{
        name: "upstream",
        address: { socket_address: { address: "127.0.0.1", port_value: port } },
        filter_chains: [{ filters: [{
          name: "envoy.filters.network.http_connection_manager",
          typed_config: {
            "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
            stat_prefix: "upstream",
            route_config: { virtual_hosts: [{ name: "all", domains: ["*"], routes: [{ match: { prefix: "/" }, direct_response: { status: 200, body: { inline_string: "ok" } } }] }] },
            http_filters: [{ name: "envoy.filters.http.router", typed_config: { "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router" } }],
          },
        }] }],
      }],
    },
  };
}
