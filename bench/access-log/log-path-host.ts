// A deliberately thin proxy-wasm host for one hot path: a finished request going through
// on_context_create → on_request_headers → on_response_headers → on_log → on_done → on_delete,
// with the facts Envoy would answer (headers, properties, CEL attribute lists) precomputed as
// bytes. It exists so the benchmark measures the filter, not a full host (bench/host's
// measureFilter, once it exists, is the general tool). Every import Envoy offers is linked; the ones this path does not use
// return Unimplemented (12), as a filter calling them here would be a benchmark bug.
import { readFileSync } from "node:fs";
import { encodePairs, type Pair } from "../support/header-pairs.ts";
import { guestMemory, hashOf } from "../support/guest-memory.ts";
import { stubForeignFunction } from "../support/stub-expressions.ts";

export { encodePairs, int64, type Pair } from "../support/header-pairs.ts";

export interface LogPathFacts {
  config: string;
  requestHeaders: Pair[];
  responseHeaders: Pair[];
  /** Property path (segments joined by "\0") → value bytes. */
  properties: Map<string, Buffer>;
}


export class LogPathHost {
  readonly memory: WebAssembly.Memory;
  stdoutBytes = 0;
  stdoutLines = 0;
  httpCalls = 0;
  private exports: Record<string, (...a: number[]) => number>;
  private next = 2;
  private token = 0;
  private readonly maps: Buffer[];
  private readonly config: Buffer;

  constructor(wasmPath: string, readonly facts: LogPathFacts) {
    this.config = Buffer.from(facts.config);
    const req = encodePairs(facts.requestHeaders), resp = encodePairs(facts.responseHeaders);
    this.maps = [req, Buffer.alloc(0), resp, Buffer.alloc(0), Buffer.alloc(0), Buffer.alloc(0), encodePairs([[":status", "200"]])];
    const module = new WebAssembly.Module(readFileSync(wasmPath));
    let memory: WebAssembly.Memory | null = null;
    const imports: Record<string, Record<string, (...a: any[]) => number>> = { env: {}, wasi_snapshot_preview1: {} };
    const impl = this.implementations(() => memory!);
    for (const imp of WebAssembly.Module.imports(module)) {
      imports[imp.module][imp.name] = impl[imp.name] ?? (() => 12);
    }
    const instance = new WebAssembly.Instance(module, imports);
    this.exports = instance.exports as any;
    memory = instance.exports.memory as WebAssembly.Memory;
    this.memory = memory;
    const start = this.exports._start ?? this.exports._initialize;
    if (start) start();
    this.exports.proxy_on_context_create(1, 0);
    if (this.exports.proxy_on_vm_start(1, 0) === 0 || this.exports.proxy_on_configure(1, this.config.length) === 0) {
      throw new Error(`${wasmPath}: the plugin rejected its configuration`);
    }
  }

  /** One finished request through the filter. */
  request(): void {
    const id = this.next++;
    const e = this.exports;
    e.proxy_on_context_create(id, 1);
    e.proxy_on_request_headers(id, this.facts.requestHeaders.length, 1);
    e.proxy_on_response_headers(id, this.facts.responseHeaders.length, 1);
    e.proxy_on_log(id);
    e.proxy_on_done(id);
    e.proxy_on_delete(id);
  }

  /** Answers every outstanding http_call with 200 (a collector that keeps up). */
  answerCalls(): void {
    while (this.token > 0) this.exports.proxy_on_http_call_response(1, this.token--, 1, 0, 0);
  }

  private implementations(mem: () => WebAssembly.Memory): Record<string, (...a: any[]) => number> {
    const g = guestMemory(mem, (n) => this.exports.malloc(n));
    const { give, view } = g;
    const key = g.hashAt;
    const properties = new Map([...this.facts.properties].map(([k, v]) => [hashOf(k), v]));
    const headerMaps = new Map<number, Map<number, Buffer>>([
      [0, new Map(this.facts.requestHeaders.map(([k, v]) => [hashOf(k), Buffer.from(v, "latin1")]))],
      [2, new Map(this.facts.responseHeaders.map(([k, v]) => [hashOf(k), Buffer.from(v, "latin1")]))],
      [6, new Map([[hashOf(":status"), Buffer.from("200")]])],
    ]);
    let metricId = 0;
    return {
      proxy_log: () => 0,
      proxy_get_log_level: (ret: number) => { view().setUint32(ret, 2, true); return 0; },
      proxy_get_current_time_nanoseconds: (ret: number) => { view().setBigUint64(ret, BigInt(Date.now()) * 1_000_000n, true); return 0; },
      proxy_set_tick_period_milliseconds: () => 0,
      proxy_get_buffer_bytes: (type: number, _s: number, _m: number, rp: number, rl: number) =>
        type === 7 ? give(this.config, rp, rl) : 1,
      proxy_get_header_map_pairs: (map: number, rp: number, rl: number) => give(this.maps[map] ?? Buffer.alloc(0), rp, rl),
      proxy_get_header_map_value: (map: number, kp: number, kl: number, rp: number, rl: number) => {
        const hit = headerMaps.get(map)?.get(key(kp, kl));
        return hit ? give(hit, rp, rl) : 1;
      },
      proxy_get_property: (pp: number, pl: number, rp: number, rl: number) => {
        const v = properties.get(key(pp, pl));
        return v === undefined ? 1 : give(v, rp, rl);
      },
      proxy_call_foreign_function: stubForeignFunction(g, mem, this.facts.properties),
      proxy_define_metric: (_t: number, _np: number, _nl: number, ret: number) => { view().setUint32(ret, (metricId += 4), true); return 0; },
      proxy_increment_metric: () => 0,
      proxy_record_metric: () => 0,
      proxy_http_call: (...a: number[]) => { this.httpCalls++; view().setUint32(a[9], ++this.token, true); return 0; },
      fd_write: (fd: number, iovs: number, n: number, written: number) => {
        let total = 0;
        for (let i = 0; i < n; i++) total += view().getUint32(iovs + i * 8 + 4, true);
        if (fd === 1) { this.stdoutBytes += total; this.stdoutLines++; }
        view().setUint32(written, total, true);
        return 0;
      },
      proc_exit: () => 0,
    };
  }
}
