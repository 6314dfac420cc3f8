// A filter's own cost per request, without a host around it: the wasm module with stub imports
// (header pairs served from a prebuilt buffer, the clock and properties from fixed values,
// writes ignored), timing context creation, on_request_headers, on_done and on_delete. A lower
// bound for what the filter adds to Envoy, less noisy than a full exchange on the TS host.
// CPU time (process.cpuUsage), median of several runs: the machine is shared.
import { readFileSync } from "node:fs";
import { randomFillSync } from "node:crypto";
import { wasmPath } from "../../test/support/paths.ts";
import { encodePairs } from "./header-pairs.ts";

type Exports = Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };

export type HeaderList = [string, string][];

export interface GuestOptions {
  /** A wasm file instead of build/<filter>.wasm (e.g. build/debug/<filter>.wasm, or an A/B copy). */
  wasm?: string;
  /** proxy_get_property answers, by NUL-joined path ("source\0address"); absent paths: NotFound. */
  properties?: Record<string, Buffer>;
}

export interface GuestBench {
  /** Median CPU ns per request over `runs` runs of `iterations` requests (cycled in order). */
  nsPerRequest(requests: HeaderList[], iterations: number, runs?: number): number;
  /** Host calls one request makes, by import name, and the status on_request_headers returned. */
  trace(request: HeaderList): { action: number; calls: Record<string, number> };
}

const NOT_FOUND = 1;

export function loadGuest(filter: string, config: string, options: GuestOptions = {}): GuestBench {
  let ex!: Exports;
  let current: Buffer = Buffer.alloc(0);
  let calls: Record<string, number> | null = null;
  const configBytes = Buffer.from(config);
  const properties = new Map(Object.entries(options.properties ?? {}).map(([k, v]) => [k, v]));
  const mem = () => new DataView(ex.memory.buffer);
  const give = (bytes: Buffer, retPtr: number, retLen: number) => {
    const p = ex.malloc(bytes.length);
    new Uint8Array(ex.memory.buffer, p, bytes.length).set(bytes);
    mem().setUint32(retPtr, p, true);
    mem().setUint32(retLen, bytes.length, true);
    return 0;
  };
  const stubs: Record<string, Function> = {
    proxy_get_buffer_bytes: (_t: number, _s: number, _m: number, rp: number, rl: number) => give(configBytes, rp, rl),
    proxy_get_header_map_pairs: (_m: number, rp: number, rl: number) => give(current, rp, rl),
    proxy_get_current_time_nanoseconds: (rp: number) => { mem().setBigUint64(rp, BigInt(Date.now()) * 1_000_000n, true); return 0; },
    proxy_get_property: (pp: number, pl: number, rp: number, rl: number) => {
      const v = properties.get(Buffer.from(ex.memory.buffer, pp, pl).toString());
      return v === undefined ? NOT_FOUND : give(v, rp, rl);
    },
  };
  const env = new Proxy(stubs, {
    get: (t, k: string) => {
      const f = t[k] ?? (() => 0);
      return (...args: number[]) => { if (calls) calls[k] = (calls[k] ?? 0) + 1; return f(...args); };
    },
  });
  const wasi = new Proxy({
    random_get: (p: number, n: number) => { randomFillSync(new Uint8Array(ex.memory.buffer, p, n)); return 0; },
  } as Record<string, Function>, { get: (t, k: string) => t[k] ?? (() => 0) });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(options.wasm ?? wasmPath(filter))), { env, wasi_snapshot_preview1: wasi } as any);
  ex = instance.exports as unknown as Exports;
  ex._start?.();
  ex.proxy_on_context_create(1, 0);
  ex.proxy_on_vm_start(1, 0);
  if (!ex.proxy_on_configure(1, configBytes.length)) throw new Error(`${filter} refused its configuration`);
  let id = 2;
  const one = (headers: Buffer): number => {
    current = headers;
    ex.proxy_on_context_create(id, 1);
    const action = ex.proxy_on_request_headers(id, 8, 1);
    ex.proxy_on_done(id);
    ex.proxy_on_delete(id);
    id++;
    return action;
  };
  return {
    nsPerRequest(requests, iterations, runs = 5) {
      const serialized = requests.map(encodePairs);
      for (let i = 0; i < Math.min(5000, iterations); i++) one(serialized[i % serialized.length]);
      const samples: number[] = [];
      for (let r = 0; r < runs; r++) {
        const t0 = process.cpuUsage();
        for (let i = 0; i < iterations; i++) one(serialized[i % serialized.length]);
        const used = process.cpuUsage(t0);
        samples.push(((used.user + used.system) * 1000) / iterations);
      }
      return Math.round(samples.sort((a, b) => a - b)[runs >> 1]);
    },
    trace(request) {
      calls = {};
      const action = one(encodePairs(request));
      const out = { action, calls };
      calls = null;
      return out;
    },
  };
}
