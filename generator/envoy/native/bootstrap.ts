// The native variant of a workload's bootstrap, for comparing the wasm filters with Envoy's own
// (`filters: "native"`): the same listeners, clusters and connection managers, but route-match
// becomes a real route table, auth-policy becomes jwt_authn + RBAC, access-log becomes Envoy's
// file access log on stdout. Features with no native equivalent raise NativeUnsupportedError.
import type { ListenerPlan, WorkloadPlan } from "../../plan/index.ts";
import { bootstrap } from "../bootstrap.ts";
import { HTTP_FILTERS } from "../http-filters.ts";
import type { EnvoyObject } from "../types.ts";
import { fileAccessLog } from "./access-log.ts";
import { jwtAuthn } from "./jwt-authn.ts";
import { rbacFilters } from "./rbac.ts";
import { nativeRouteConfig } from "./routes.ts";

const WASM_STEPS = new Set(["auth-policy", "route-match", "access-log"]);

function httpFilters(l: ListenerPlan, wasmDir: string): EnvoyObject[] {
  const auth = l.filters.authPolicy;
  const native = [...(auth ? [jwtAuthn(auth.jwtProviders), ...rbacFilters(auth.rules)] : [])].filter((f): f is EnvoyObject => !!f);
  const rest = HTTP_FILTERS.filter((s) => !WASM_STEPS.has(s.name)).map((s) => s.build(l, wasmDir)).filter((f): f is EnvoyObject => !!f);
  return [...native, ...rest];
}

export function nativeBootstrap(plan: WorkloadPlan): EnvoyObject {
  const out = bootstrap(plan);
  const listeners = (out.static_resources as EnvoyObject).listeners as EnvoyObject[];
  listeners.forEach((listener, i) => {
    const l = plan.listeners[i];
    for (const chain of listener.filter_chains as EnvoyObject[]) {
      const hcm = ((chain.filters as EnvoyObject[])[0].typed_config) as EnvoyObject;
      hcm.route_config = nativeRouteConfig(l, hcm.route_config as EnvoyObject);
      hcm.http_filters = httpFilters(l, plan.wasmDir);
      const logs = fileAccessLog(l.filters.accessLog);
      if (logs.length) hcm.access_log = logs;
    }
  });
  return out;
}
