// What one sidecar needs, as plain data: listeners, clusters, Envoy routes and the filters'
// JSON configurations. `explain --stage plan` prints it.
import type { AccessLogConfig } from "./filters/access-log.ts";
import type { AuthPolicyConfig } from "./filters/auth-policy.ts";
import type { RouteMatchConfig } from "./filters/route-match.ts";
import type { HeaderOpsSpec } from "../resources/index.ts";

export interface PlanOptions {
  /** Folder holding <filter>.wasm as Envoy will see it. Default "build" (relative to Envoy's cwd). */
  wasmDir?: string;
  /** Folder holding ca.crt and <namespace>.<workload>.crt/.key as Envoy will see it. */
  certDir?: string;
  inboundPort?: number;
  outboundPort?: number;
  adminPort?: number;
  /** Add `x-wasmesh-matched-route` to responses. */
  debugHeader?: boolean;
}

export const PLAN_DEFAULTS = { wasmDir: "build", certDir: "/etc/wasmesh/certs", inboundPort: 15006, outboundPort: 15001, adminPort: 15000 };

export interface SocketAddress {
  address: string;
  port: number;
}

export interface TlsFiles {
  certFile: string;
  keyFile: string;
  caFile: string;
}

export interface ClusterPlan {
  /** `outbound|<port>|<subset>|<host>` or `inbound|<port>||<workload>`. */
  name: string;
  type: "STATIC" | "STRICT_DNS";
  endpoints: SocketAddress[];
  /** Set when the upstream is a mesh sidecar that takes mTLS: the SPIFFE ids it may present. */
  mtls?: TlsFiles & { peerIds: string[] };
  /** A cluster to the local app: no health check or outlier detection (the sidecar is its only client). */
  local: boolean;
  /** Endpoints are mesh sidecars: actively health-checked (external hosts are not probed). */
  healthCheck: boolean;
}

export interface EnvoyRoutePlan {
  /** The route id route-match writes into `x-wasmesh-route`. */
  id: string;
  timeoutMs?: number;
  retries?: { attempts: number; perTryTimeoutMs?: number; retryOn: string };
  fault?: { delay?: { fixedDelayMs: number; percent: number }; abort?: { httpStatus: number; percent: number } };
  mirror?: { cluster: string; percent: number };
  headers?: { request?: HeaderOpsSpec; response?: HeaderOpsSpec };
}

export interface ListenerPlan {
  name: string;
  direction: "inbound" | "outbound";
  bind: SocketAddress;
  /** Inbound: STRICT requires mTLS, PERMISSIVE takes both, DISABLE plaintext only. */
  mtls: "STRICT" | "PERMISSIVE" | "DISABLE";
  tls?: TlsFiles & { trustDomain: string };
  /** Inbound: the local app cluster every request goes to. Outbound: routes chosen by route-match. */
  localCluster?: string;
  routes: EnvoyRoutePlan[];
  filters: {
    authPolicy?: AuthPolicyConfig;
    routeMatch?: RouteMatchConfig;
    accessLog?: AccessLogConfig;
  };
}

export interface WorkloadPlan {
  /** `<namespace>/<name>`; the output file is `<name>.yaml` (`<namespace>.<name>.yaml` on a clash). */
  workload: string;
  outputName: string;
  node: { id: string; cluster: string };
  admin: SocketAddress;
  wasmDir: string;
  listeners: ListenerPlan[];
  clusters: ClusterPlan[];
}
