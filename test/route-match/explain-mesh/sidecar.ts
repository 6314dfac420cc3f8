// Runs the generated bootstrap of one workload of the fixture mesh in real Envoy: its outbound
// listener and admin moved to free loopback ports, every cluster pointed at a Node upstream named
// after the cluster, so the upstream that answers names the cluster Envoy chose.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { generate, type GenerateResult } from "../../../generator/pipeline.ts";
import { startEnvoy, type RunningEnvoy } from "../../support/envoy.ts";
import { startUpstream, type Upstream } from "../../support/upstream.ts";
import { freePort } from "../../support/ports.ts";
import { wasmPath } from "../../support/paths.ts";

const here = dirname(fileURLToPath(import.meta.url));

export function generateFixture(): GenerateResult {
  const files = ["services.yaml", "routing.yaml"].map((f) => ({ path: join(here, f), text: readFileSync(join(here, f), "utf8") }));
  const result = generate({ files, options: { debugHeader: true, wasmDir: dirname(wasmPath("route-match")) } });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length || !result.outputs.length) throw new Error(`fixture mesh does not generate: ${JSON.stringify(errors)}`);
  return result;
}

export interface Sidecar {
  port: number;
  stop(): Promise<void>;
}

export async function runOutbound(result: GenerateResult, outputName: string): Promise<Sidecar> {
  const output = result.outputs.find((o) => o.path === `${outputName}.yaml`);
  if (!output) throw new Error(`no bootstrap ${outputName}.yaml`);
  const bootstrap = parse(output.text);
  const [adminPort, port] = [await freePort(), await freePort()];
  bootstrap.admin.address.socket_address = { address: "127.0.0.1", port_value: adminPort };
  const resources = bootstrap.static_resources;
  resources.listeners = resources.listeners.filter((l: { name: string }) => l.name === "outbound");
  resources.listeners[0].address.socket_address = { address: "127.0.0.1", port_value: port };
  const upstreams: Upstream[] = [];
  for (const cluster of resources.clusters) {
    const upstream = await startUpstream(cluster.name);
    upstreams.push(upstream);
    delete cluster.health_checks;
    delete cluster.outlier_detection;
    delete cluster.transport_socket;
    cluster.type = "STATIC";
    cluster.load_assignment.endpoints = [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: "127.0.0.1", port_value: upstream.port } } } }] }];
  }
  const closeUpstreams = () => Promise.all(upstreams.map((u) => u.close()));
  let envoy: RunningEnvoy;
  try {
    envoy = await startEnvoy({ adminPort, bootstrap });
  } catch (error) {
    await closeUpstreams();
    throw error;
  }
  return { port, stop: async () => { await envoy.stop(); await closeUpstreams(); } };
}
