// Extra configurations of the load benchmark that put one wasm filter at a time in Envoy, to
// attribute the wasmesh filters' cost: each is the router-only bootstrap with one filter of the
// wasm bootstrap (or the noop filter, the proxy-wasm floor) before the router. route-only keeps
// the wasm bootstrap's route table, which routes on the headers route-match sets.
import type { EnvoyObject } from "../../generator/envoy/types.ts";

export const SINGLE_FILTER_CONFIGS = ["auth-only", "route-only", "log-only", "noop"] as const;
export type SingleFilterConfig = (typeof SINGLE_FILTER_CONFIGS)[number];

const FILTER_OF: Record<SingleFilterConfig, string> = {
  "auth-only": "wasmesh.auth-policy", "route-only": "wasmesh.route-match", "log-only": "wasmesh.access-log", noop: "wasmesh.noop",
};

type Obj = Record<string, any>;
const clone = <T>(o: T): T => structuredClone(o);
const hcmOf = (boot: Obj): Obj => boot.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;

function noopFilter(wasmDir: string): Obj {
  return {
    name: "wasmesh.noop",
    typed_config: {
      "@type": "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
      config: {
        name: "noop", root_id: "noop",
        vm_config: { vm_id: "noop", runtime: "envoy.wasm.runtime.v8", code: { local: { filename: `${wasmDir}/noop.wasm` } } },
        failure_policy: "FAIL_CLOSED",
      },
    },
  };
}

export function singleFilterBootstrap(name: SingleFilterConfig, router: EnvoyObject, wasm: EnvoyObject, wasmDir: string): EnvoyObject {
  const wasmHcm = hcmOf(wasm as Obj);
  const filter = name === "noop" ? noopFilter(wasmDir) : wasmHcm.http_filters.find((f: Obj) => f.name === FILTER_OF[name]);
  if (!filter) throw new Error(`${FILTER_OF[name]} is not in the wasm bootstrap`);
  const boot = clone(router) as Obj;
  const hcm = hcmOf(boot);
  hcm.http_filters = [clone(filter), ...hcm.http_filters];
  if (name === "route-only") hcm.route_config = clone(wasmHcm.route_config);
  return boot as EnvoyObject;
}
