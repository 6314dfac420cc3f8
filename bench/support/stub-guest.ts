// A filter's wasm module with stub imports: the cheapest host a proxy-wasm guest can run in.
// Header maps, properties and CEL attribute lists are answered from precomputed bytes, writes
// (stdout, logs, metrics) are dropped, and an import the guest calls that is not stubbed returns Unimplemented (12).
// What a benchmark measures on it is the guest's own work plus the bare cost of crossing into
// JS for each host call, so it separates a filter's cost from a real host's (bench/README.md).
// With `countCalls`, every import call is counted by name (slower: for reports, not timing).
import { readFileSync } from "node:fs";
import { randomFillSync } from "node:crypto";
import { encodePairs, type Pair } from "./header-pairs.ts";
import { guestMemory, hashOf } from "./guest-memory.ts";
import { stubForeignFunction } from "./stub-expressions.ts";

export { encodePairs, int64, type Pair } from "./header-pairs.ts";

export interface StubFacts {
  /** proxy_get_buffer_bytes(PluginConfiguration) */
  config: string;
  /** Header maps by MapType (0 request headers, 2 response headers, ...). */
  headerMaps?: Record<number, Pair[]>;
  /** Property path (segments joined by "\0") → value bytes. */
  properties?: Map<string, Buffer>;
}

export type GuestExports = Record<string, (...a: number[]) => number> & { memory: WebAssembly.Memory };


export class StubGuest {
  readonly exports: GuestExports;
  readonly memory: WebAssembly.Memory;
  /** Import calls by name, when constructed with countCalls. */
  readonly calls = new Map<string, number>();
  stdoutLines = 0;
  /** Tokens of proxy_http_call not answered yet. */
  pendingCalls = 0;

  constructor(wasmPath: string, readonly facts: StubFacts, countCalls = false) {
    const module = new WebAssembly.Module(readFileSync(wasmPath));
    const impl = this.implementations();
    const imports: Record<string, Record<string, Function>> = {};
    for (const imp of WebAssembly.Module.imports(module)) {
      const f = impl[imp.name] ?? (() => 12);
      const counted = countCalls ? (...a: any[]) => { this.calls.set(imp.name, (this.calls.get(imp.name) ?? 0) + 1); return f(...a); } : f;
      (imports[imp.module] ??= {})[imp.name] = counted;
    }
    const instance = new WebAssembly.Instance(module, imports as WebAssembly.Imports);
    this.exports = instance.exports as unknown as GuestExports;
    this.memory = this.exports.memory;
    (this.exports._start ?? this.exports._initialize)?.();
    const config = Buffer.from(facts.config);
    this.exports.proxy_on_context_create(1, 0);
    if (!this.exports.proxy_on_vm_start(1, 0) || !this.exports.proxy_on_configure(1, config.length)) {
      throw new Error(`${wasmPath}: the plugin rejected its configuration`);
    }
    this.calls.clear();
  }

  /** Answers every outstanding http_call with 200. */
  answerCalls(): void {
    while (this.pendingCalls > 0) this.exports.proxy_on_http_call_response(1, this.pendingCalls--, 1, 0, 0);
  }

  private implementations(): Record<string, Function> {
    const g = guestMemory(() => this.memory, (n) => this.exports.malloc(n));
    const { give, hashAt } = g;
    const config = Buffer.from(this.facts.config);
    const maps = new Map(Object.entries(this.facts.headerMaps ?? {}).map(([t, pairs]) => [Number(t), pairs]));
    const serialized = new Map([...maps].map(([t, pairs]) => [t, encodePairs(pairs)]));
    const values = new Map([...maps].map(([t, pairs]) => [t, new Map(pairs.map(([k, v]) => [hashOf(k), Buffer.from(v, "latin1")]))]));
    const properties = new Map([...(this.facts.properties ?? [])].map(([k, v]) => [hashOf(k), v]));
    const empty = Buffer.alloc(0);
    let metricId = 0;
    return {
      proxy_log: () => 0,
      proxy_get_log_level: (ret: number) => { g.view().setUint32(ret, 2, true); return 0; },
      proxy_set_tick_period_milliseconds: () => 0,
      proxy_get_buffer_bytes: (type: number, _s: number, _m: number, rp: number, rl: number) => type === 7 ? give(config, rp, rl) : 1,
      proxy_get_header_map_pairs: (map: number, rp: number, rl: number) => give(serialized.get(map) ?? empty, rp, rl),
      proxy_get_header_map_value: (map: number, kp: number, kl: number, rp: number, rl: number) => {
        const hit = values.get(map)?.get(hashAt(kp, kl));
        return hit ? give(hit, rp, rl) : 1;
      },
      proxy_get_property: (pp: number, pl: number, rp: number, rl: number) => {
        const v = properties.get(hashAt(pp, pl));
        return v === undefined ? 1 : give(v, rp, rl);
      },
      proxy_set_property: () => 0,
      proxy_call_foreign_function: stubForeignFunction(g, () => this.memory, this.facts.properties ?? new Map()),
      proxy_define_metric: (_t: number, _np: number, _nl: number, ret: number) => { g.view().setUint32(ret, (metricId += 4), true); return 0; },
      proxy_increment_metric: () => 0,
      proxy_record_metric: () => 0,
      proxy_http_call: (...a: number[]) => { g.view().setUint32(a[9], ++this.pendingCalls, true); return 0; },
      fd_write: (fd: number, _iovs: number, _n: number, written: number) => {
        if (fd === 1) this.stdoutLines++;
        g.view().setUint32(written, 0, true);
        return 0;
      },
      random_get: (p: number, n: number) => { randomFillSync(new Uint8Array(this.memory.buffer, p, n)); return 0; },
      proc_exit: () => 0,
    };
  }
}
