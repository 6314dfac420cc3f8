// The resolved mesh: plain data that `explain --stage model` prints. Built from resources only.
import type { Position } from "../diagnostics/index.ts";
import type { MeshAuthSpec, AccessLogSpec, HeaderOpsSpec } from "../resources/index.ts";

export interface Endpoint {
  address: string;
  /** Service port number → port on the endpoint (the app's port for workloads). */
  ports: Record<string, number>;
  labels: Record<string, string>;
  /** `<namespace>/<name>` when the endpoint is a mesh workload (reached through its sidecar). */
  workload?: string;
}

export interface ServicePort {
  name: string;
  number: number;
  protocol: string;
}

export interface ModelService {
  /** `service/<ns>/<name>` or `serviceentry/<ns>/<name>/<host>`. */
  id: string;
  kind: "Service" | "ServiceEntry";
  name: string;
  namespace: string;
  /** Canonical host: `<name>.<namespace>` for a Service, the host itself for a ServiceEntry. */
  host: string;
  /** Names a request's :authority may use (without ports), lower case. */
  aliases: string[];
  ports: ServicePort[];
  location: "MESH_INTERNAL" | "MESH_EXTERNAL";
  endpoints: Endpoint[];
  /** Subsets routes refer to: name → labels the endpoints must carry. */
  subsets: { name: string; labels: Record<string, string> }[];
}

export interface Located extends Position {
  path: string;
}

export type ModelStringMatch =
  | { exact: string; ignoreCase?: boolean }
  | { prefix: string; ignoreCase?: boolean }
  | { suffix: string; ignoreCase?: boolean }
  | { regex: string; ignoreCase?: boolean; at: Located };

export type ModelPathMatch = ModelStringMatch | { pathPrefix: string; ignoreCase?: boolean };

export interface ModelMatch {
  /** Where the match was written. */
  at: Located;
  path?: ModelPathMatch;
  method?: string;
  headers: { name: string; match?: ModelStringMatch; present?: boolean; absent?: boolean; invert?: boolean }[];
  queryParams: { name: string; match?: ModelStringMatch; present?: boolean }[];
}

export interface ModelDestination {
  /** Canonical host of the service and the resolved port. */
  host: string;
  port: number;
  subset?: string;
  weight: number;
}

export interface ModelRoute {
  /** `vs/<ns>/<name>/r<i>`, or `default/<host>` for a host no VirtualService routes. */
  id: string;
  name?: string;
  matches: ModelMatch[];
  destinations: ModelDestination[];
  timeoutMs?: number;
  retries?: { attempts: number; perTryTimeoutMs?: number; retryOn: string };
  fault?: {
    delay?: { fixedDelayMs: number; percent: number };
    abort?: { httpStatus: number; percent: number };
  };
  mirror?: { host: string; port: number; subset?: string; percent: number };
  headers?: { request?: HeaderOpsSpec; response?: HeaderOpsSpec };
  stickyBy?: { header: string } | { cookie: string };
  creationTimestamp?: string;
  at: Located;
}

export interface ModelVirtualHost {
  /** Canonical host of the service. */
  host: string;
  order: "first-match" | "most-specific";
  /** In evaluation order. */
  routes: ModelRoute[];
}

export interface ModelWorkload {
  /** `<namespace>/<name>`. */
  id: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  address: string;
  ports: { name: string; port: number }[];
  serviceAccount: string;
  spiffeId: string;
  mtls: "STRICT" | "PERMISSIVE" | "DISABLE";
  /** Services whose endpoints include this workload. */
  services: string[];
  /** MeshAuth resources that select it, `meshauth/<ns>/<name>`, sorted. */
  authPolicies: string[];
  /** The AccessLog that applies, `accesslog/<ns>/<name>`. */
  accessLog?: string;
  at: Located;
}

export interface ModelAuthPolicy {
  id: string;
  namespace: string;
  name: string;
  spec: MeshAuthSpec;
  at: Located;
}

export interface ModelAccessLog {
  id: string;
  namespace: string;
  name: string;
  spec: AccessLogSpec;
  at: Located;
}

export interface Model {
  trustDomain: string;
  workloads: ModelWorkload[];
  services: ModelService[];
  virtualHosts: ModelVirtualHost[];
  authPolicies: ModelAuthPolicy[];
  accessLogs: ModelAccessLog[];
}

export interface ModelOptions {
  /** SPIFFE trust domain; default "mesh.local". */
  trustDomain?: string;
}
