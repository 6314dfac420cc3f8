// The import object for one VM: every function of host/abi/envoy-imports.ts, no more. While the
// start entry runs only logging and WASI are allowed; other proxy_* calls fail the VM (§2.1).
import { ENVOY_IMPORTS } from "../abi/envoy-imports.ts";
import type { GuestMemory } from "../memory.ts";
import { RestrictedCallback, type Vm } from "../vm.ts";
import { bufferImports } from "./buffers.ts";
import { contextImports } from "./contexts.ts";
import { headerMapImports } from "./header-maps.ts";
import { httpCallImports } from "./http-call.ts";
import { httpStreamImports } from "./http-stream.ts";
import { loggingImports } from "./logging.ts";
import { metricImports } from "./metrics.ts";
import { propertyImports } from "./properties.ts";
import { sharedImports } from "./shared.ts";
import type { HostFn, ImportArea } from "./types.ts";
import { wasiImports } from "./wasi.ts";

const PROXY_AREAS: ImportArea[] = [loggingImports, headerMapImports, bufferImports, propertyImports,
  httpStreamImports, httpCallImports, sharedImports, metricImports, contextImports];
const ALLOWED_DURING_START = new Set(["proxy_log", "proxy_get_log_level", "proxy_get_current_time_nanoseconds"]);

export function buildImports(vm: Vm, mem: () => GuestMemory): WebAssembly.Imports {
  const env: Record<string, HostFn> = {};
  for (const area of PROXY_AREAS) {
    for (const [name, fn] of Object.entries(area(vm, mem))) {
      const calls = vm.runtime.hostCalls;
      env[name] = ALLOWED_DURING_START.has(name) ? fn : (...args: unknown[]) => {
        if (vm.phase === "start") throw new RestrictedCallback(name);
        calls.set(name, (calls.get(name) ?? 0) + 1);
        return fn(...args);
      };
    }
  }
  const wasi = wasiImports(vm, mem);
  for (const key of Object.keys(ENVOY_IMPORTS)) {
    const [module, name] = key.split(".");
    const table = module === "env" ? env : wasi;
    if (!(name in table)) throw new Error(`host bug: no implementation of ${key}`);
  }
  return { env, wasi_snapshot_preview1: wasi, wasi_unstable: wasi };
}
