// One Wasm VM instance (one Envoy worker, the canary, or the base VM): instantiation, the start
// entry, context ids, guest calls with trap detection, and the root context's timers/callouts.
import type { ContextRef, StreamAccess } from "./context.ts";
import { GuestMemory } from "./memory.ts";
import { VmMetrics } from "./metrics.ts";
import { buildImports } from "./imports/index.ts";
import type { PluginRuntime } from "./runtime.ts";
import type { HeaderMap } from "./header-map.ts";

/** Thrown by a host function a callback may not use (Envoy: "restricted_callback" → VM fails). */
export class RestrictedCallback extends Error {}

export interface CalloutResponse {
  headers: HeaderMap;
  body: Buffer;
  trailers: HeaderMap;
}

type Export = (...args: (number | bigint)[]) => number | undefined;

export class Vm {
  readonly memory: GuestMemory;
  readonly metrics: VmMetrics;
  private readonly exports: Record<string, unknown>;
  failed = false;
  /** Host clock (monotonic ns) when the VM trapped. */
  failedAtNanos = 0n;
  /** "start" while the start entry runs: only logging and WASI are allowed. */
  phase: "start" | "configure" | "running" = "start";
  rootId = 0;
  private nextContextId = 1;
  current: ContextRef | null = null;
  effective: ContextRef | null = null;
  readonly streams = new Map<number, StreamAccess>();
  tickPeriodMs = 0;
  nextTickAt = 0;
  callResponse: CalloutResponse | null = null;
  lastStatus = { code: 0, message: "" };
  nextCalloutToken = 4;
  doneCalled = false;
  /** Set while the root returned false from on_done and may call proxy_done. */
  rootDonePending = false;
  /** proxy_on_queue_ready deliveries, delivered when the plugin runs pending work. */
  readonly pendingQueueReady: (() => void)[] = [];
  /** Effects deferred until the outermost guest call returns (continue_stream from a callout). */
  readonly afterCall: (() => void)[] = [];
  private depth = 0;
  /** True only while proxy_on_configure runs (PLUGIN_CONFIGURATION is readable then). */
  inConfigure = false;

  constructor(module: WebAssembly.Module, readonly runtime: PluginRuntime, readonly label: string) {
    this.metrics = new VmMetrics(runtime.metrics);
    let memory: GuestMemory | null = null;
    const instance = new WebAssembly.Instance(module, buildImports(this, () => memory!));
    this.exports = instance.exports as Record<string, unknown>;
    memory = new GuestMemory(this.exports.memory as WebAssembly.Memory);
    this.memory = memory;
    const alloc = (this.exports.malloc ?? this.exports.proxy_on_memory_allocate) as Export;
    memory.setAllocator((size) => alloc(size) as number);
    this.runStartEntry();
  }

  has(name: string): boolean {
    return typeof this.exports[name] === "function";
  }

  newContextId(): number {
    return this.nextContextId++;
  }

  private runStartEntry(): void {
    const ok = this.has("_initialize")
      ? this.call(null, "_initialize") !== null && (!this.has("main") || this.call(null, "main", 0, 0) !== null)
        && (!this.has("__main_void") || this.call(null, "__main_void") !== null)
      : !this.has("_start") || this.call(null, "_start") !== null;
    if (!ok) this.failed = true;
    this.phase = "configure";
  }

  /**
   * Calls an export with `ctx` as the current context. An absent export returns `absent`.
   * A trap marks this VM failed, logs like Envoy and returns null; host bugs are rethrown.
   */
  call(ctx: ContextRef | null, name: string, ...args: (number | bigint)[]): number | null {
    return this.callOr(0, ctx, name, ...args);
  }

  callOr(absent: number, ctx: ContextRef | null, name: string, ...args: (number | bigint)[]): number | null {
    if (this.failed) return null;
    const fn = this.exports[name] as Export | undefined;
    if (typeof fn !== "function") return absent;
    const saved = [this.current, this.effective];
    this.current = ctx;
    this.effective = ctx;
    this.depth++;
    try {
      const r = fn(...args);
      return typeof r === "number" ? r : 0;
    } catch (err) {
      if (!isTrap(err)) throw err;
      this.failed = true;
      this.failedAtNanos = this.runtime.monotonicNanos();
      const what = err instanceof RestrictedCallback ? `restricted_callback: ${err.message}` : `Uncaught ${(err as Error).name}: ${(err as Error).message}`;
      this.runtime.log(4, `Function: ${name} failed: ${what}`, false, this.label);
      return null;
    } finally {
      [this.current, this.effective] = saved;
      this.depth--;
      if (this.depth === 0) while (this.afterCall.length > 0) this.afterCall.shift()!();
    }
  }

  /** The root context's timer: due ticks run proxy_on_tick (the canary never ticks). */
  tick(nowMs: number): boolean {
    if (this.tickPeriodMs === 0 || this.failed || nowMs < this.nextTickAt) return false;
    this.nextTickAt = nowMs + this.tickPeriodMs;
    this.call({ kind: "root", id: this.rootId }, "proxy_on_tick", this.rootId);
    return true;
  }

  /** Delivers a callout's answer (null = reset/failure) to proxy_on_http_call_response. */
  deliverCallout(token: number, response: CalloutResponse | null): void {
    this.callResponse = response;
    this.lastStatus = response === null ? { code: 11, message: "reset" } : { code: 0, message: "" };
    const root = { kind: "root" as const, id: this.rootId };
    if (response === null) this.call(root, "proxy_on_http_call_response", this.rootId, token, 0, 0, 0);
    else this.call(root, "proxy_on_http_call_response", this.rootId, token, response.headers.count, response.body.length, response.trailers.count);
    this.callResponse = null;
  }

  get memoryBytes(): number {
    return this.memory.size;
  }
}

/** Traps: Wasm runtime errors, V8 stack overflow, and host functions refusing a restricted call. */
export function isTrap(err: unknown): boolean {
  return err instanceof WebAssembly.RuntimeError || err instanceof RestrictedCallback
    || (err instanceof RangeError && /call stack/i.test(err.message));
}
