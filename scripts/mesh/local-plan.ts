// Which processes the local mesh runs, from the generator's result: each workload's app and
// each ServiceEntry stand-in that asks for one (annotation `wasmesh.dev/run`), and one Envoy
// sidecar per workload. `wasmesh.dev/run` is `demo-service`, `otel-collector`, or a shell
// command run in the mesh folder with ADDRESS, PORT and OUTBOUND (the sidecar's outbound
// listener) in its environment; `wasmesh.dev/calls` lists what a demo service calls.
import { join } from "node:path";
import type { GenerateResult } from "../../generator/pipeline.ts";
import type { ProcessSpec } from "./supervisor.ts";

export const RUN_ANNOTATION = "wasmesh.dev/run";
export const CALLS_ANNOTATION = "wasmesh.dev/calls";

export interface SidecarSpec {
  workload: string;
  name: string;
  configFile: string;
  adminUrl: string;
  listeners: { name: string; address: string; port: number }[];
}

export interface LocalMesh {
  apps: ProcessSpec[];
  sidecars: SidecarSpec[];
}

const root = join(import.meta.dirname, "..", "..");

function appProcess(name: string, run: string, env: Record<string, string>, meshDir: string): ProcessSpec {
  const ready = { host: env.ADDRESS, port: Number(env.PORT) };
  if (run === "demo-service") {
    return { name, command: process.execPath, args: [join(root, "mesh", "services", "demo-service.mjs")], env, readyTcp: ready };
  }
  if (run === "otel-collector") {
    return { name, command: process.execPath, args: [join(root, "scripts", "mesh", "collector.mjs")], env, readyTcp: ready };
  }
  return { name, command: "sh", args: ["-c", `cd "${meshDir}" && ${run}`], env, readyTcp: ready };
}

export function planLocalMesh(result: GenerateResult, meshDir: string, configDir: string): LocalMesh {
  const apps: ProcessSpec[] = [];
  const sidecars: SidecarSpec[] = [];
  for (const plan of result.plans) {
    const resource = result.resources.workloads.find((w) => `${w.metadata.namespace}/${w.metadata.name}` === plan.workload)!;
    const outbound = plan.listeners.find((l) => l.direction === "outbound");
    const annotations = resource.metadata.annotations ?? {};
    const port = resource.spec.ports?.[0]?.port;
    const run = annotations[RUN_ANNOTATION];
    if (run && port) {
      const labels = resource.metadata.labels ?? {};
      apps.push(appProcess(resource.metadata.name, run, {
        SERVICE: labels.app ?? resource.metadata.name,
        VERSION: labels.version ?? "v1",
        ADDRESS: resource.spec.address,
        PORT: String(port),
        OUTBOUND: outbound ? `http://${outbound.bind.address}:${outbound.bind.port}` : "",
        CALLS: annotations[CALLS_ANNOTATION] ?? "",
      }, meshDir));
    }
    sidecars.push({
      workload: plan.workload,
      name: `${resource.metadata.name}-sidecar`,
      configFile: join(configDir, `${plan.outputName}.yaml`),
      adminUrl: `http://${plan.admin.address}:${plan.admin.port}`,
      listeners: plan.listeners.map((l) => ({ name: l.name, address: l.bind.address, port: l.bind.port })),
    });
  }
  for (const entry of result.resources.serviceEntries) {
    const run = entry.metadata.annotations?.[RUN_ANNOTATION];
    const port = entry.spec.ports?.[0]?.number;
    if (!run || !port) continue;
    for (const [i, endpoint] of (entry.spec.endpoints ?? []).entries()) {
      apps.push(appProcess(`${entry.metadata.name}${i ? `-${i}` : ""}`, run, {
        SERVICE: entry.metadata.name, VERSION: "external", ADDRESS: endpoint.address, PORT: String(port), OUTBOUND: "", CALLS: "",
      }, meshDir));
    }
  }
  return { apps, sidecars };
}
