// A proxy-wasm HTTP filter: V8 runtime, local .wasm file, the filter's JSON as a StringValue.
import type { SharedParts } from "./shared-parts.ts";
import { TYPES, type EnvoyObject } from "./types.ts";

export type WasmFilterName = "auth-policy" | "route-match" | "access-log";

/** Auth and routing must never let a request through when the VM is broken; logging must never stop one. */
export const FAILURE_POLICY: Record<WasmFilterName, string> = {
  "auth-policy": "FAIL_CLOSED",
  "route-match": "FAIL_CLOSED",
  "access-log": "FAIL_OPEN",
};

// One mesh-wide route-match config is shared by every sidecar's plan: serialize it once.
const serialized = new WeakMap<object, string>();

function configJson(config: object): string {
  let json = serialized.get(config);
  if (json === undefined) {
    json = JSON.stringify(config);
    serialized.set(config, json);
  }
  return json;
}

export function wasmFilter(filter: WasmFilterName, config: object, wasmDir: string, parts?: SharedParts): EnvoyObject {
  return parts ? parts.partOf(config, `${filter}|${wasmDir}`, () => build(filter, config, wasmDir)) : build(filter, config, wasmDir);
}

function build(filter: WasmFilterName, config: object, wasmDir: string): EnvoyObject {
  const dir = wasmDir === "" || wasmDir.endsWith("/") ? wasmDir : `${wasmDir}/`;
  return {
    name: `wasmesh.${filter}`,
    typed_config: {
      "@type": TYPES.wasm,
      config: {
        name: filter,
        root_id: filter,
        vm_config: {
          vm_id: filter,
          runtime: "envoy.wasm.runtime.v8",
          code: { local: { filename: `${dir}${filter}.wasm` } },
        },
        configuration: { "@type": TYPES.stringValue, value: configJson(config) },
        failure_policy: FAILURE_POLICY[filter],
      },
    },
  };
}
