// startPlugin: Envoy's start sequence for one Wasm HTTP filter (module validation, base VM, the
// canary that must accept the configuration, then one VM per worker), and the Plugin handle the
// tests drive: streams, callouts, timers, logs, metrics, failure policies.
import { readFileSync } from "node:fs";
import { LogLevel } from "./abi/enums.ts";
import { HeaderMap } from "./header-map.ts";
import { HttpStream } from "./http-stream.ts";
import { MetricStore } from "./metrics.ts";
import { moduleProblems } from "./module/module-problems.ts";
import type { PluginOptions } from "./options.ts";
import type { ConnectionFacts } from "./properties.ts";
import { DEFAULT_ROUTES, type RouteSpec } from "./router.ts";
import { logSink, type CalloutRequest, type LogLine, type PluginRuntime } from "./runtime.ts";
import { SharedData, SharedQueues } from "./shared-data.ts";
import { Vm, type CalloutResponse } from "./vm.ts";

/** Envoy would refuse this plugin ("Unable to create Wasm HTTP filter <name>"). */
export class PluginStartError extends Error {
  constructor(readonly reason: "module" | "start" | "configure", detail: string, readonly logs: LogLine[]) {
    super(`Unable to create Wasm HTTP filter: ${reason}: ${detail}`);
  }
}

export interface PendingCallout extends Omit<CalloutRequest, "vm"> {
  /** Answers it: proxy_on_http_call_response runs now; null = reset (status 11 "reset"). */
  respond(response: { status?: number; headers?: Record<string, string>; body?: string; trailers?: Record<string, string> } | null): void;
}

let nextConnectionId = 1;

export class Plugin {
  readonly logs: LogLine[] = [];
  readonly metrics = new MetricStore();
  /** proxy_* host calls made so far, by name (all VMs; proxy_log, proxy_get_log_level and the clock excluded). */
  readonly hostCalls = new Map<string, number>();
  readonly workers: Vm[] = [];
  readonly mainThread: Vm;
  readonly pendingCallouts: PendingCallout[] = [];
  readonly routes: RouteSpec[];
  readonly runtime: PluginRuntime;
  private readonly module: WebAssembly.Module;
  private clockNs: bigint;
  private nextWorker = 0;

  constructor(readonly options: PluginOptions) {
    const bytes = new Uint8Array(typeof options.wasm === "string" ? readFileSync(options.wasm) : options.wasm);
    const name = options.name ?? "plugin";
    this.routes = options.routes ?? DEFAULT_ROUTES;
    this.clockNs = BigInt(options.startTimeMs ?? Date.now()) * 1_000_000n;
    const rt: PluginRuntime = {
      name, rootId: options.rootId ?? name, vmId: options.vmId ?? name,
      pluginConfig: toBytes(options.config), vmConfig: toBytes(options.vmConfig),
      logLevel: LogLevel[options.logLevel ?? "debug"],
      clusters: new Set(options.clusters ?? []),
      environment: options.environment ?? {},
      metrics: this.metrics, shared: options.sharedData ?? new SharedData(), queues: new SharedQueues(),
      logs: this.logs,
      nowNanos: () => this.clockNs,
      monotonicNanos: () => this.clockNs,
      onCallout: (req) => this.pendingCallouts.push(this.pending(req)),
      log: () => {},
      node: options.node ?? { id: "test-node", cluster: "test" },
      celExpressions: options.celExpressions ?? true,
      hostCalls: this.hostCalls,
    };
    rt.log = logSink(rt);
    this.runtime = rt;
    const problems = moduleProblems(bytes);
    if (problems.length > 0) throw new PluginStartError("module", problems.join("; "), this.logs);
    this.module = new WebAssembly.Module(bytes);
    const base = new Vm(this.module, rt, "base");
    if (base.failed) throw new PluginStartError("start", "the start entry failed", this.logs);
    const canary = this.startVm("canary");
    if (canary.failed) throw new PluginStartError("configure", "on_vm_start/on_configure returned false or trapped", this.logs);
    // Envoy's thread-local slot includes the main thread: it gets a VM with the full start
    // sequence and ticks, but serves no requests (verified: --concurrency N configures N+2 times).
    this.mainThread = this.startVm("main");
    for (let i = 0; i < (options.workers ?? 1); i++) this.workers.push(this.startVm(`worker-${i}`));
  }

  /** A VM with its root context: start entry, context_create(R,0), vm_start, configure. */
  private startVm(label: string): Vm {
    const vm = new Vm(this.module, this.runtime, label);
    if (vm.failed) return vm;
    vm.phase = "running";
    vm.rootId = vm.newContextId();
    const root = { kind: "root" as const, id: vm.rootId };
    if (vm.call(root, "proxy_on_context_create", vm.rootId, 0) === null) return vm;
    const started = vm.callOr(1, root, "proxy_on_vm_start", vm.rootId, this.runtime.vmConfig.length);
    if (started === null || started === 0) return (vm.failed = true), vm;
    vm.inConfigure = true;
    const configured = vm.callOr(1, root, "proxy_on_configure", vm.rootId, this.runtime.pluginConfig.length);
    vm.inConfigure = false;
    if (configured === null || configured === 0) vm.failed = true;
    return vm;
  }

  /** A new stream on the next worker (round robin) or the given one, under the failure policy. */
  newStream(o: { worker?: number; connection?: Partial<ConnectionFacts>; onHeadersForwarded?: (s: HttpStream) => void } = {}): HttpStream {
    const index = o.worker ?? this.nextWorker++ % this.workers.length;
    let vm = this.workers[index];
    const policy = this.options.failurePolicy ?? "FAIL_CLOSED";
    if (vm.failed && policy === "FAIL_RELOAD") vm = this.reload(index);
    const mode = !vm.failed ? "vm" : policy === "FAIL_OPEN" ? "bypass" : "fail-closed";
    const connection: ConnectionFacts = { id: nextConnectionId++, sourceAddress: "127.0.0.1:50000",
      destinationAddress: "127.0.0.1:10000", ...o.connection };
    return new HttpStream(mode === "vm" ? vm : null, mode, {
      allowOnHeadersStopIteration: this.options.allowOnHeadersStopIteration ?? false,
      bufferLimit: this.options.bufferLimit ?? 1024 * 1024,
    }, connection, this.runtime.nowNanos(), o.onHeadersForwarded);
  }

  /** FAIL_RELOAD: a fresh VM once the backoff since the trap has passed; until then FAIL_CLOSED. */
  private reload(index: number): Vm {
    const failed = this.workers[index];
    const sinceMs = this.clockMs - Number(failed.failedAtNanos / 1_000_000n);
    if (sinceMs < (this.options.reloadBackoffMs ?? 1000)) return failed;
    const fresh = this.startVm(`worker-${index}`);
    if (!fresh.failed) this.workers[index] = fresh;
    return fresh;
  }

  /** Moves the host clock, running due ticks and queued deliveries on every worker. */
  advanceTime(ms: number): void {
    const end = this.clockMs + ms;
    const endNs = this.clockNs + BigInt(Math.round(ms * 1e6));
    const vms = [this.mainThread, ...this.workers];
    for (;;) {
      const next = Math.min(...vms.filter((w) => w.tickPeriodMs > 0 && !w.failed).map((w) => w.nextTickAt));
      if (!(next <= end)) break;
      this.clockNs = BigInt(next) * 1_000_000n;
      for (const w of vms) w.tick(next);
    }
    this.clockNs = endNs;
    this.runQueued();
  }

  /** Delivers proxy_on_queue_ready notifications posted so far. */
  runQueued(): void {
    for (const w of [this.mainThread, ...this.workers]) while (w.pendingQueueReady.length > 0) w.pendingQueueReady.shift()!();
  }

  /** The host clock in ms since the epoch (moves only with advanceTime). */
  get clockMs(): number {
    return Number(this.clockNs / 1_000_000n);
  }

  /** Counter and gauge values under their Prometheus names (Envoy: no prefix, `.`/`-` → `_`). */
  prometheus(): Record<string, number> {
    return this.metrics.prometheus();
  }

  metric(name: string): number | undefined {
    const m = this.metrics.byName.get(name);
    return m === undefined ? undefined : Number(m.value);
  }

  /** Whether any worker VM trapped (and has not been reloaded). */
  get failed(): boolean {
    return this.workers.some((w) => w.failed);
  }

  /** Root contexts' end: on_done, then on_delete when it returned true (§2.14). */
  shutdown(): void {
    for (const vm of [this.mainThread, ...this.workers]) {
      const root = { kind: "root" as const, id: vm.rootId };
      const done = vm.callOr(1, root, "proxy_on_done", vm.rootId);
      if (done !== null && done !== 0) vm.call(root, "proxy_on_delete", vm.rootId);
      else vm.rootDonePending = done === 0;
    }
  }

  private pending(req: CalloutRequest): PendingCallout {
    const { vm, ...visible } = req;
    const callout: PendingCallout = {
      ...visible,
      respond: (r) => {
        const i = this.pendingCallouts.indexOf(callout);
        if (i >= 0) this.pendingCallouts.splice(i, 1);
        const response: CalloutResponse | null = r === null ? null : {
          headers: HeaderMap.fromObject({ ":status": String(r.status ?? 200), ...r.headers }),
          body: Buffer.from(r.body ?? ""),
          trailers: HeaderMap.fromObject(r.trailers ?? {}),
        };
        vm.deliverCallout(req.token, response);
      },
    };
    return callout;
  }
}

function toBytes(v: string | object | Uint8Array | undefined): Buffer {
  if (v === undefined) return Buffer.alloc(0);
  if (typeof v === "string") return Buffer.from(v);
  if (v instanceof Uint8Array) return Buffer.from(v);
  return Buffer.from(JSON.stringify(v));
}

/** Validates the module and runs Envoy's start sequence; throws PluginStartError when Envoy would refuse. */
export function startPlugin(options: PluginOptions): Plugin {
  return new Plugin(options);
}
