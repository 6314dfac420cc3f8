// The filter's own cost per request, without a host around it: the wasm module with stub imports
// (header pairs served from a prebuilt buffer, writes ignored), timing context creation,
// on_request_headers, on_done and on_delete. A lower bound for what route-match adds to Envoy,
// less noisy than the full-exchange numbers of run.ts on a shared machine. CPU time, median of 9.
import { readFileSync } from "node:fs";
import { randomFillSync } from "node:crypto";
import { wasmPath } from "../../test/support/paths.ts";

type Exports = Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };

function serializePairs(pairs: [string, string][]): Buffer {
  const parts = pairs.map(([k, v]) => [Buffer.from(k), Buffer.from(v)]);
  const head = Buffer.alloc(4 + 8 * parts.length);
  head.writeUInt32LE(parts.length, 0);
  parts.forEach(([k, v], i) => { head.writeUInt32LE(k.length, 4 + 8 * i); head.writeUInt32LE(v.length, 8 + 8 * i); });
  return Buffer.concat([head, ...parts.flatMap(([k, v]) => [k, Buffer.from([0]), v, Buffer.from([0])])]);
}

export interface GuestBench { nsPerRequest(requests: [string, string][][], iterations: number): number }

export function loadGuest(filter: string, config: string): GuestBench {
  let ex!: Exports;
  let current: Buffer = Buffer.alloc(0);
  const configBytes = Buffer.from(config);
  const mem = () => new DataView(ex.memory.buffer);
  const give = (bytes: Buffer, retPtr: number, retLen: number) => {
    const p = ex.malloc(bytes.length);
    new Uint8Array(ex.memory.buffer, p, bytes.length).set(bytes);
    mem().setUint32(retPtr, p, true);
    mem().setUint32(retLen, bytes.length, true);
    return 0;
  };
  const env = new Proxy({
    proxy_get_buffer_bytes: (_t: number, _s: number, _m: number, rp: number, rl: number) => give(configBytes, rp, rl),
    proxy_get_header_map_pairs: (_m: number, rp: number, rl: number) => give(current, rp, rl),
  } as Record<string, Function>, { get: (t, k: string) => t[k] ?? (() => 0) });
  const wasi = new Proxy({
    random_get: (p: number, n: number) => { randomFillSync(new Uint8Array(ex.memory.buffer, p, n)); return 0; },
  } as Record<string, Function>, { get: (t, k: string) => t[k] ?? (() => 0) });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasmPath(filter))), { env, wasi_snapshot_preview1: wasi } as any);
  ex = instance.exports as unknown as Exports;
  ex._start?.();
  ex.proxy_on_context_create(1, 0);
  ex.proxy_on_vm_start(1, 0);
  if (!ex.proxy_on_configure(1, configBytes.length)) throw new Error(`${filter} refused its configuration`);
  let id = 2;
  return {
    nsPerRequest(requests, iterations) {
      const serialized = requests.map(serializePairs);
      const one = (i: number) => {
        current = serialized[i % serialized.length];
        ex.proxy_on_context_create(id, 1);
        ex.proxy_on_request_headers(id, 8, 1);
        ex.proxy_on_done(id);
        ex.proxy_on_delete(id);
        id++;
      };
      for (let i = 0; i < 5000; i++) one(i);
      const runs: number[] = [];
      for (let r = 0; r < 9; r++) {
        // CPU time, not wall time: the machine is shared, and a preempted run is not slower code.
        const t0 = process.cpuUsage();
        for (let i = 0; i < iterations; i++) one(i);
        const used = process.cpuUsage(t0);
        runs.push(((used.user + used.system) * 1000) / iterations);
      }
      return Math.round(runs.sort((a, b) => a - b)[4]);
    },
  };
}
