// A/B of route-match builds, guest only (stub imports), CPU time: each wasm file given on the
// command line is loaded per route count, and the builds are timed interleaved in one process
// (median of runs) so that load on a shared machine hits them alike.
// Usage: node --import tsx bench/route-match/ab.ts a.wasm b.wasm ...   (noop: build/noop.wasm)
import { readFileSync } from "node:fs";
import { randomFillSync } from "node:crypto";
import { config, requests, asPairs } from "./scenarios.ts";

type Exports = Record<string, (...args: number[]) => number> & { memory: WebAssembly.Memory };

function serializePairs(pairs: [string, string][]): Buffer {
  const parts = pairs.map(([k, v]) => [Buffer.from(k), Buffer.from(v)]);
  const head = Buffer.alloc(4 + 8 * parts.length);
  head.writeUInt32LE(parts.length, 0);
  parts.forEach(([k, v], i) => { head.writeUInt32LE(k.length, 4 + 8 * i); head.writeUInt32LE(v.length, 8 + 8 * i); });
  return Buffer.concat([head, ...parts.flatMap(([k, v]) => [k, Buffer.from([0]), v, Buffer.from([0])])]);
}

function load(file: string, cfg: string, reqs: [string, string][][]) {
  let ex!: Exports;
  let current: [string, string][] = [];
  let currentBytes: Buffer = Buffer.alloc(0);
  const configBytes = Buffer.from(cfg);
  const give = (bytes: Buffer, retPtr: number, retLen: number) => {
    const p = ex.malloc(bytes.length);
    new Uint8Array(ex.memory.buffer, p, bytes.length).set(bytes);
    const dv = new DataView(ex.memory.buffer);
    dv.setUint32(retPtr, p, true);
    dv.setUint32(retLen, bytes.length, true);
    return 0;
  };
  const dec = new TextDecoder();
  const env = new Proxy({
    proxy_get_buffer_bytes: (_t: number, _s: number, _m: number, rp: number, rl: number) => give(configBytes, rp, rl),
    proxy_get_header_map_pairs: (_m: number, rp: number, rl: number) => give(currentBytes, rp, rl),
    proxy_get_header_map_value: (_m: number, kp: number, kl: number, rp: number, rl: number) => {
      const k = dec.decode(new Uint8Array(ex.memory.buffer, kp, kl));
      const hit = current.find(([n]) => n === k);
      if (!hit) return 1;
      return give(Buffer.from(hit[1]), rp, rl);
    },
  } as Record<string, Function>, { get: (t, k: string) => t[k] ?? (() => 0) });
  const wasi = new Proxy({
    random_get: (p: number, n: number) => { randomFillSync(new Uint8Array(ex.memory.buffer, p, n)); return 0; },
  } as Record<string, Function>, { get: (t, k: string) => t[k] ?? (() => 0) });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), { env, wasi_snapshot_preview1: wasi } as any);
  ex = instance.exports as unknown as Exports;
  ex._start?.();
  ex.proxy_on_context_create(1, 0);
  ex.proxy_on_vm_start(1, 0);
  if (!ex.proxy_on_configure(1, configBytes.length)) throw new Error(`${file} refused its configuration`);
  const serialized = reqs.map(serializePairs);
  let id = 2;
  return (iterations: number) => {
    for (let i = 0; i < iterations; i++) {
      const k = i % reqs.length;
      current = reqs[k]; currentBytes = serialized[k];
      ex.proxy_on_context_create(id, 1);
      ex.proxy_on_request_headers(id, 8, 1);
      ex.proxy_on_done(id);
      ex.proxy_on_delete(id);
      id++;
    }
  };
}

const files = process.argv.slice(2);
const ITER = Number(process.env.AB_ITER ?? 20_000), RUNS = Number(process.env.AB_RUNS ?? 9);
for (const n of [10, 100, 1000]) {
  const reqs = requests(n).map(asPairs);
  const cfg = JSON.stringify(config(n));
  const runners = files.map((f) => load(f, f.includes("noop") ? "{}" : cfg, reqs));
  runners.forEach((r) => r(5000));
  const samples: number[][] = files.map(() => []);
  for (let run = 0; run < RUNS; run++) {
    runners.forEach((r, j) => {
      const t0 = process.cpuUsage();
      r(ITER);
      const d = process.cpuUsage(t0);
      samples[j].push(((d.user + d.system) * 1000) / ITER);
    });
  }
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
  console.log(`${n} routes: ` + files.map((f, j) => `${f.split("/").slice(-2).join("/")} ${Math.round(med(samples[j]))} ns`).join(" | "));
}
