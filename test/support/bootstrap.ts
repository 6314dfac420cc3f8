// Small hand-written bootstraps for filter tests on real Envoy: one listener, the given wasm
// filters in order, then the router. Generated mesh bootstraps come from the generator instead.
import { adminBlock } from "./envoy.ts";
import { wasmPath } from "./paths.ts";

export interface WasmFilterSpec {
  filter: string;
  /** JSON configuration (an object is serialized with JSON.stringify). */
  config: object | string;
  failurePolicy?: "FAIL_CLOSED" | "FAIL_OPEN" | "FAIL_RELOAD";
}

export interface TestBootstrapOptions {
  adminPort: number;
  listenerPort: number;
  filters: WasmFilterSpec[];
  /** Cluster name → upstream port on 127.0.0.1. */
  clusters: Record<string, number>;
  /** Route table; the default forwards requests that route-match tagged to cluster_header. */
  routes?: object[];
}

export const ROUTE_HEADER = "x-wasmesh-route";
export const CLUSTER_HEADER = "x-wasmesh-cluster";

export function wasmHttpFilter(spec: WasmFilterSpec): object {
  return {
    name: `wasmesh.${spec.filter}`,
    typed_config: {
      "@type": "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
      config: {
        name: spec.filter,
        root_id: spec.filter,
        failure_policy: spec.failurePolicy ?? "FAIL_CLOSED",
        configuration: {
          "@type": "type.googleapis.com/google.protobuf.StringValue",
          value: typeof spec.config === "string" ? spec.config : JSON.stringify(spec.config),
        },
        vm_config: {
          vm_id: spec.filter,
          runtime: "envoy.wasm.runtime.v8",
          code: { local: { filename: wasmPath(spec.filter) } },
        },
      },
    },
  };
}

export function testBootstrap(o: TestBootstrapOptions): object {
  const routes = o.routes ?? [{
    match: { prefix: "/", headers: [{ name: ROUTE_HEADER, present_match: true }] },
    route: { cluster_header: CLUSTER_HEADER },
    request_headers_to_remove: [ROUTE_HEADER, CLUSTER_HEADER],
  }];
  return {
    admin: adminBlock(o.adminPort),
    static_resources: {
      listeners: [{
        name: "test",
        address: { socket_address: { address: "127.0.0.1", port_value: o.listenerPort } },
        filter_chains: [{
          filters: [{
            name: "envoy.filters.network.http_connection_manager",
            typed_config: {
              "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
              stat_prefix: "test",
              route_config: { virtual_hosts: [{ name: "all", domains: ["*"], routes }] },
              http_filters: [
                ...o.filters.map(wasmHttpFilter),
                { name: "envoy.filters.http.router",
                  typed_config: { "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router" } },
              ],
            },
          }],
        }],
      }],
      clusters: Object.entries(o.clusters).map(([name, port]) => ({
        name,
        type: "STATIC",
        connect_timeout: "1s",
        load_assignment: {
          cluster_name: name,
          endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: "127.0.0.1", port_value: port } } } }] }],
        },
      })),
    },
  };
}
