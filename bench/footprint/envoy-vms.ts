// How many Wasm VMs real Envoy runs for one filter: Envoy started with --concurrency 1 and 2 and a
// listener carrying route-match, its admin /stats read for the V8 runtime's VM gauges.
import { startEnvoy } from "../../test/support/envoy.ts";
import { testBootstrap } from "../../test/support/bootstrap.ts";
import { freePort } from "../../test/support/ports.ts";

export interface VmCount {
  concurrency: number;
  /** Envoy's wasm stats after start-up (`wasm.envoy.wasm.runtime.v8.active` / `.created`, `wasm.wasm_vm_count`). */
  stats: Record<string, number>;
  /** From Envoy's wasm debug log: VMs created as the base VM, and per thread (main thread and workers). */
  baseVmsCreated: number;
  threadLocalVmsCreated: number;
}

const CONFIG = { virtualHosts: [{ name: "all", domains: ["*"], routes: [
  { id: "vs/bench/all/r0", matches: [], destinations: [{ cluster: "api", weight: 1 }] }] }] };

export async function envoyVmCount(concurrency: number): Promise<VmCount> {
  const [adminPort, listenerPort, upstream] = await Promise.all([freePort(), freePort(), freePort()]);
  const envoy = await startEnvoy({ concurrency, adminPort, readyTimeoutMs: 60_000,
    bootstrap: testBootstrap({ adminPort, listenerPort, filters: [{ filter: "route-match", config: CONFIG }], clusters: { api: upstream } }) });
  try {
    const text = await (await fetch(`${envoy.adminUrl}/stats?filter=wasm`)).text();
    const stats = Object.fromEntries(text.trim().split("\n").map((l) => l.split(": ")).map(([k, v]) => [k, Number(v)]));
    const count = (what: RegExp) => envoy.log().split("\n").filter((l) => what.test(l)).length;
    return { concurrency, stats, baseVmsCreated: count(/\[wasm\] Base Wasm created/), threadLocalVmsCreated: count(/\[wasm\] Thread-Local Wasm created/) };
  } finally {
    await envoy.stop();
  }
}
