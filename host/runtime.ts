// What every VM of one plugin shares: settings, log sink, clock, stats, shared data and queues,
// and the test's answers to callouts. Built by startPlugin from PluginOptions.
import { LOG_LEVEL_NAMES } from "./abi/enums.ts";
import type { MetricStore } from "./metrics.ts";
import type { SharedData, SharedQueues } from "./shared-data.ts";
import type { HeaderMap } from "./header-map.ts";
import type { Vm } from "./vm.ts";

export interface LogLine {
  level: string;
  /** The filter's message (or Envoy's, for host-generated lines such as trap reports). */
  message: string;
  /** As Envoy prints it: `wasm log <name> <root_id> <vm_id>: <message>` (no vm_id from root contexts). */
  text: string;
  /** Which VM wrote it: "canary", "worker-0", … */
  vm: string;
}

export interface CalloutRequest {
  cluster: string;
  headers: HeaderMap;
  body: Buffer;
  trailers: HeaderMap;
  timeoutMs: number;
  token: number;
  vm: Vm;
}

export interface PluginRuntime {
  name: string;
  rootId: string;
  vmId: string;
  pluginConfig: Buffer;
  vmConfig: Buffer;
  /** Envoy's `wasm` logger level (0 trace … 6 off). */
  logLevel: number;
  clusters: Set<string>;
  environment: Record<string, string>;
  metrics: MetricStore;
  shared: SharedData;
  queues: SharedQueues;
  logs: LogLine[];
  nowNanos(): bigint;
  monotonicNanos(): bigint;
  /** The test's callout handler is told about every accepted http_call. */
  onCallout(req: CalloutRequest): void;
  log(level: number, message: string, fromFilter: boolean, vmLabel?: string, fromRoot?: boolean): void;
  node: { id: string; cluster: string };
  /** Whether the CEL foreign functions expr_create/evaluate/delete exist (as in Envoy ≥ 1.2x builds). */
  celExpressions: boolean | "failing";
  /** proxy_* calls by name, every VM together (what a filter costs a host is mostly these). */
  hostCalls: Map<string, number>;
}

export function logSink(rt: Pick<PluginRuntime, "name" | "rootId" | "vmId" | "logLevel" | "logs">) {
  return (level: number, message: string, fromFilter: boolean, vmLabel = "", fromRoot = false): void => {
    if (level < rt.logLevel) return;
    // Observed on Envoy 1.40: root-context lines carry "<name> <root_id>", stream lines add vm_id.
    const prefix = (fromRoot ? [rt.name, rt.rootId] : [rt.name, rt.rootId, rt.vmId]).filter(Boolean).join(" ");
    const text = fromFilter ? `wasm log ${prefix}: ${message}` : message;
    rt.logs.push({ level: LOG_LEVEL_NAMES[level] ?? String(level), message, text, vm: vmLabel });
  };
}
