// Typed mesh resources as the user writes them (see ../schemas/<Kind>.schema.json for the full
// truth). Plain data; every resource carries where it came from and the position of every field.

export type Kind = "ServiceEntry" | "Service" | "VirtualService" | "MeshAuth" | "AccessLog" | "Workload";

export interface Metadata {
  name: string;
  /** Always set after loading ("default" when the document has none). */
  namespace: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
}

export interface Source {
  file: string;
  /** Index of the document in its file (0-based). */
  document: number;
  line: number;
  column: number;
  /** Where each field of the document is (see Positions); read with positionOf. */
  positions: Positions;
}

/**
 * Every field of a document in document order (the document itself first): its key in its
 * mapping or index in its sequence, the index after its last descendant (`ends`: the fields
 * inside field i are i + 1 up to ends[i]), and its line and column at places[2i], places[2i + 1]
 * (0, 0 when unknown). A tree, not a record keyed by path: a document has dozens of fields and
 * only a few are ever looked up, and spelling every field's path costs more than parsing the YAML.
 */
export interface Positions {
  keys: (string | number)[];
  ends: number[];
  places: number[];
}

export interface Resource<K extends Kind = Kind, S = Record<string, any>> {
  kind: K;
  apiVersion: string;
  metadata: Metadata;
  spec: S;
  source: Source;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }[];
}

export interface WorkloadSpec {
  address: string;
  ports?: { name?: string; port: number; protocol?: string }[];
  serviceAccount?: string;
}

export interface ServiceSpec {
  ports: { name?: string; port: number; targetPort?: number | string; protocol?: string }[];
  selector?: Record<string, string>;
}

export interface ServiceEntrySpec {
  hosts: string[];
  ports?: { number: number; name?: string; protocol?: string; targetPort?: number }[];
  location?: string;
  resolution?: "NONE" | "STATIC" | "DNS" | "DNS_ROUND_ROBIN";
  endpoints?: { address: string; ports?: Record<string, number>; labels?: Record<string, string> }[];
  workloadSelector?: { labels?: Record<string, string> };
}

export type StringMatchSpec = { exact?: string; prefix?: string; suffix?: string; regex?: string };
export type HeaderMatchSpec = StringMatchSpec & { present?: boolean; absent?: boolean };

export interface HttpMatchSpec {
  name?: string;
  uri?: StringMatchSpec & { pathPrefix?: string };
  headers?: Record<string, HeaderMatchSpec>;
  withoutHeaders?: Record<string, HeaderMatchSpec>;
  queryParams?: Record<string, HeaderMatchSpec>;
  method?: StringMatchSpec;
  authority?: StringMatchSpec;
  ignoreUriCase?: boolean;
}

export interface DestinationSpec {
  host: string;
  subset?: string;
  port?: { number: number };
}

export interface HeaderOpsSpec {
  set?: Record<string, string>;
  add?: Record<string, string>;
  remove?: string[];
}

export interface HttpRouteSpec {
  name?: string;
  match?: HttpMatchSpec[];
  route?: { destination: DestinationSpec; weight?: number; headers?: { request?: HeaderOpsSpec; response?: HeaderOpsSpec } }[];
  timeout?: string;
  retries?: { attempts?: number; perTryTimeout?: string; retryOn?: string };
  fault?: {
    delay?: { fixedDelay: string; percentage?: { value: number } };
    abort?: { httpStatus: number; percentage?: { value: number } };
  };
  mirror?: DestinationSpec;
  mirrorPercentage?: { value: number };
  headers?: { request?: HeaderOpsSpec; response?: HeaderOpsSpec };
  stickyBy?: { header?: string; cookie?: string };
}

export interface VirtualServiceSpec {
  hosts: string[];
  order?: "first-match" | "most-specific";
  http?: HttpRouteSpec[];
}

export interface MeshAuthSpec {
  selector?: LabelSelector;
  mtls?: { mode: "STRICT" | "PERMISSIVE" | "DISABLE" };
  jwt?: Record<string, any>[];
  rules?: Record<string, any>[];
  dryRun?: boolean;
}

export interface AccessLogSpec {
  selector?: LabelSelector;
  format?: "json" | "text";
  text?: string;
  fields?: string[];
  requestHeaders?: string[];
  responseHeaders?: string[];
  redact?: { headers?: string[]; queryParams?: string[]; cookies?: string[]; mode?: "mask" | "hash" };
  sampling?: { percent?: number; keepErrors?: boolean; keepSlowerThan?: string };
  filters?: { statusMin?: number; statusMax?: number; durationMin?: string; headerPresent?: string[] };
  sinks?: ({ stdout?: Record<string, never> } & { collector?: { host: string; port: number; path?: string } })[];
}

export type WorkloadResource = Resource<"Workload", WorkloadSpec>;
export type ServiceResource = Resource<"Service", ServiceSpec>;
export type ServiceEntryResource = Resource<"ServiceEntry", ServiceEntrySpec>;
export type VirtualServiceResource = Resource<"VirtualService", VirtualServiceSpec>;
export type MeshAuthResource = Resource<"MeshAuth", MeshAuthSpec>;
export type AccessLogResource = Resource<"AccessLog", AccessLogSpec>;

/** Everything the mesh folder holds, each list sorted by namespace/name. */
export interface Resources {
  workloads: WorkloadResource[];
  services: ServiceResource[];
  serviceEntries: ServiceEntryResource[];
  virtualServices: VirtualServiceResource[];
  meshAuths: MeshAuthResource[];
  accessLogs: AccessLogResource[];
}

export const API_VERSIONS: Record<Kind, string> = {
  ServiceEntry: "linkerd.io/v1alpha2",
  Service: "v1",
  VirtualService: "linkerd.io/v1alpha2",
  MeshAuth: "linkerd.io/v1alpha2",
  AccessLog: "linkerd.io/v1alpha2",
  Workload: "linkerd.io/v1alpha2",
};
