// Options for startPlugin: the plugin as Envoy's Wasm filter config would describe it, plus the
// test's side of the world (clusters, routes, clock).
import type { LogLevelName } from "./abi/enums.ts";
import type { RouteSpec } from "./router.ts";
import type { SharedData } from "./shared-data.ts";

export interface PluginOptions {
  /** Path of the .wasm file, or its bytes. */
  wasm: string | Uint8Array;
  /** Plugin configuration (PLUGIN_CONFIGURATION); objects are sent as JSON text. */
  config?: string | object | Uint8Array;
  /** VM configuration (VM_CONFIGURATION). */
  vmConfig?: string | Uint8Array;
  /** Envoy's PluginConfig.name / root_id / vm_config.vm_id; root_id and vm_id default to name. */
  name?: string;
  rootId?: string;
  vmId?: string;
  /** Worker threads (Envoy --concurrency): independent VM instances of the same module. Default 1. */
  workers?: number;
  /** Default FAIL_CLOSED (UNSPECIFIED in Envoy). */
  failurePolicy?: "FAIL_CLOSED" | "FAIL_OPEN" | "FAIL_RELOAD";
  /** FAIL_RELOAD backoff before a fresh VM (Envoy's base interval is 1 s). */
  reloadBackoffMs?: number;
  /** PluginConfig.allow_on_headers_stop_iteration (Envoy ≥ 1.35). */
  allowOnHeadersStopIteration?: boolean;
  /** Envoy's `wasm` logger level; default debug (the tests run Envoy with wasm:debug). */
  logLevel?: LogLevelName;
  /** Per-connection buffer limit (default 1 MiB): 413 on overflow while buffering a request. */
  bufferLimit?: number;
  /** Clusters that exist (for http_call and the router). */
  clusters?: string[];
  /** Route table for exchange(); default: test/support/bootstrap.ts's cluster_header route. */
  routes?: RouteSpec[];
  environment?: Record<string, string>;
  node?: { id: string; cluster: string };
  /** Host clock start (ms since epoch); the clock only moves with advanceTime(). */
  startTimeMs?: number;
  /**
   * Envoy's CEL foreign functions (expr_create/expr_evaluate/expr_delete), for the attribute
   * lists of host/cel-list.ts. Default true, as in official Envoy builds; false answers NotFound,
   * as a host without them; "failing" compiles lists but fails every evaluation with
   * InternalFailure, as Envoy does for a list with an element in error (for fallback tests).
   */
  celExpressions?: boolean | "failing";
  /** Share data between plugins as Envoy does for one vm_id. */
  sharedData?: SharedData;
}
