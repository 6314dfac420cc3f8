// One filter with a minimal, deterministic host around it, driven through a fixed request set.
// Plain JavaScript on purpose: it runs under valgrind, where a TypeScript loader would add
// minutes of start-up. Every answer the host gives is fixed (clock, random bytes, headers,
// properties), so the instructions executed depend only on the filter, the config and N.
// Usage: node guest.mjs <scenario.json> <N> [memory]
//   without "memory": warm-up, then getegid() markers around N and again around 2N requests
//     (callgrind.ts has callgrind dump its counters at each marker);
//   with "memory": prints linear memory bytes after start, after a 10,000-request warm-up and
//     after N more requests, as JSON.
// CEL attribute lists (expr_create / expr_evaluate) are answered from the same properties
// (expressions.mjs). Scenario JSON: { wasm, config, requests: [{ request: [[k, v]...],
//   response: [[k, v]...] }], properties: { "a\u0000b": "text" | { int64: "n" } } }
import { readFileSync } from "node:fs";
import { evaluateList } from "./expressions.mjs";

const [scenarioFile, countArg, mode] = process.argv.slice(2);
const scenario = JSON.parse(readFileSync(scenarioFile, "utf8"));
const n = Number(countArg);

function encodePairs(pairs) {
  const parts = pairs.map(([k, v]) => [Buffer.from(k, "latin1"), Buffer.from(v, "latin1")]);
  const out = Buffer.alloc(4 + parts.length * 8 + parts.reduce((s, [k, v]) => s + k.length + v.length + 2, 0));
  out.writeUInt32LE(parts.length, 0);
  let pos = 4 + parts.length * 8;
  parts.forEach(([k, v], i) => {
    out.writeUInt32LE(k.length, 4 + i * 8);
    out.writeUInt32LE(v.length, 8 + i * 8);
    k.copy(out, pos); pos += k.length + 1;
    v.copy(out, pos); pos += v.length + 1;
  });
  return out;
}
const int64 = (v) => { const b = Buffer.alloc(8); b.writeBigInt64LE(BigInt(v)); return b; };

// Keys (header names, property paths) are looked up by a hash of their bytes in guest memory:
// the host's glue allocates nothing per request, so no JS garbage collection runs inside a
// counted window (its cost would depend on what Node's start-up left in the heap).
function hashBytes(b, p, len) {
  if (len > 0 && b[p + len - 1] === 0) len--; // property paths may end with a NUL
  let h = len;
  for (let i = 0; i < len; i++) h = (Math.imul(h, 31) + b[p + i]) | 0;
  return h;
}
const hashOf = (key) => { const b = Buffer.from(key, "latin1"); return hashBytes(b, 0, b.length); };

// The same hash of a key in guest memory, computed by a 100-byte Wasm function over the guest's
// memory: in interpreted JS hashing costs ~300 instructions per byte, more than a filter's own
// work per lookup (a 14-property record would count ~150k instructions of host glue).
function wasmHasher(memory) {
  const p = 0, len = 1, h = 2, end = 3;
  const body = [
    0x01, 0x02, 0x7f, // two i32 locals: h, end
    0x20, len, 0x04, 0x40, // if len
    0x20, p, 0x20, len, 0x6a, 0x41, 0x01, 0x6b, 0x2d, 0x00, 0x00, 0x45, // byte[p+len-1] == 0
    0x04, 0x40, 0x20, len, 0x41, 0x01, 0x6b, 0x21, len, 0x0b, // len--
    0x0b,
    0x20, len, 0x21, h, // h = len
    0x20, p, 0x20, len, 0x6a, 0x21, end, // end = p + len
    0x02, 0x40, 0x03, 0x40, // block loop
    0x20, p, 0x20, end, 0x4f, 0x0d, 0x01, // p >= end: break
    0x20, h, 0x41, 0x1f, 0x6c, 0x20, p, 0x2d, 0x00, 0x00, 0x6a, 0x21, h, // h = h * 31 + byte[p]
    0x20, p, 0x41, 0x01, 0x6a, 0x21, p, 0x0c, 0x00, // p++; continue
    0x0b, 0x0b,
    0x20, h, 0x0b,
  ];
  const vec = (bytes) => [bytes.length, ...bytes]; // every length here is below 128
  const name = (s) => vec([...Buffer.from(s)]);
  const section = (id, bytes) => [id, ...vec(bytes)];
  const bytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f]),
    ...section(2, [0x01, ...name("env"), ...name("memory"), 0x02, 0x00, 0x00]),
    ...section(3, [0x01, 0x00]),
    ...section(7, [0x01, ...name("hash"), 0x00, 0x00]),
    ...section(10, [0x01, ...vec(body)]),
  ]);
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports.hash;
}
let keyHash = null;
const valueMap = (pairs) => new Map(pairs.map(([k, v]) => [hashOf(k), Buffer.from(v, "latin1")]));

const requests = scenario.requests.map((r) => ({
  count: [r.request.length, r.response.length],
  pairs: [encodePairs(r.request), encodePairs(r.response)],
  values: [valueMap(r.request), valueMap(r.response)],
}));
const properties = new Map(Object.entries(scenario.properties ?? {}).map(([k, v]) =>
  [hashOf(k), typeof v === "string" ? Buffer.from(v) : int64(v.int64)]));
const propertyByPath = new Map(Object.entries(scenario.properties ?? {}).map(([k, v]) =>
  [k, typeof v === "string" ? Buffer.from(v) : int64(v.int64)]));
const FOREIGN = { create: hashOf("expr_create"), evaluate: hashOf("expr_evaluate"), delete: hashOf("expr_delete") };
const lists = new Map();
let nextList = 0;
const config = Buffer.from(typeof scenario.config === "string" ? scenario.config : JSON.stringify(scenario.config));
const EMPTY_MAP = encodePairs([]);
const NOW_NS = 1795589519506290000n; // 2026-11-25, fixed
let current = requests[0];
let ex;
let token = 0;

// Views over guest memory, rebuilt only when it grows (which detaches the old buffer).
let buffer = null, dv = null, u8 = null;
function sync() {
  if (ex.memory.buffer !== buffer) { buffer = ex.memory.buffer; dv = new DataView(buffer); u8 = new Uint8Array(buffer); }
}
const view = () => { sync(); return dv; };
function give(value, retPtr, retLen) {
  const p = value.length === 0 ? 0 : ex.malloc(value.length);
  sync();
  if (value.length > 0) u8.set(value, p);
  dv.setUint32(retPtr, p, true);
  dv.setUint32(retLen, value.length, true);
  return 0;
}
const mapIndex = (type) => (type === 2 ? 1 : type === 0 ? 0 : -1);
let random = 0x2545f491;

const env = {
  proxy_log: () => 0,
  proxy_get_log_level: (ret) => { view().setUint32(ret, 2, true); return 0; },
  proxy_get_current_time_nanoseconds: (ret) => { view().setBigUint64(ret, NOW_NS, true); return 0; },
  proxy_set_tick_period_milliseconds: () => 0,
  proxy_get_buffer_bytes: (type, _s, _m, rp, rl) => (type === 7 ? give(config, rp, rl) : 1),
  proxy_get_header_map_pairs: (type, rp, rl) => { const i = mapIndex(type); return give(i < 0 ? EMPTY_MAP : current.pairs[i], rp, rl); },
  proxy_get_header_map_value: (type, kp, kl, rp, rl) => {
    const i = mapIndex(type);
    sync();
    const hit = i < 0 ? undefined : current.values[i].get(keyHash(kp, kl));
    return hit === undefined ? 1 : give(hit, rp, rl);
  },
  proxy_get_property: (pp, pl, rp, rl) => {
    sync();
    const v = properties.get(keyHash(pp, pl));
    return v === undefined ? 1 : give(v, rp, rl);
  },
  proxy_call_foreign_function: (np, nl, ap, al, rp, rl) => {
    sync();
    const name = keyHash(np, nl);
    if (name === FOREIGN.create) {
      const list = evaluateList(Buffer.from(u8.subarray(ap, ap + al)).toString("utf8"), (path) => propertyByPath.get(path));
      if (list === undefined) return 2;
      lists.set(nextList, list);
      const token = Buffer.alloc(4);
      token.writeUInt32LE(nextList++);
      return give(token, rp, rl);
    }
    const list = al === 4 ? lists.get(dv.getUint32(ap, true)) : undefined;
    if (list === undefined || (name !== FOREIGN.evaluate && name !== FOREIGN.delete)) return 1;
    if (name === FOREIGN.delete) { lists.delete(dv.getUint32(ap, true)); return 0; }
    return list === null ? 10 : give(list, rp, rl);
  },
  proxy_define_metric: (_t, _np, _nl, ret) => { view().setUint32(ret, ++token, true); return 0; },
  proxy_http_call: (_up, _ul, _hp, _hl, _bp, _bl, _tp, _tl, _timeout, ret) => { view().setUint32(ret, ++token, true); return 0; },
};
const wasi = {
  fd_write: (_fd, iovs, count, written) => {
    let total = 0;
    for (let i = 0; i < count; i++) total += view().getUint32(iovs + i * 8 + 4, true);
    view().setUint32(written, total, true);
    return 0;
  },
  random_get: (p, len) => { sync(); for (let i = 0; i < len; i++) { random = (Math.imul(random, 1103515245) + 12345) | 0; u8[p + i] = random >>> 24; } return 0; },
  proc_exit: () => 0,
};
// Anything else (set/replace/remove header, metrics, local reply, set property) succeeds silently.
const ok = (table) => new Proxy(table, { get: (t, k) => t[k] ?? (() => 0) });

const module = new WebAssembly.Module(readFileSync(scenario.wasm));
ex = new WebAssembly.Instance(module, { env: ok(env), wasi_snapshot_preview1: ok(wasi) }).exports;
keyHash = wasmHasher(ex.memory);
{ // the Wasm hash must equal the JS one the keys were indexed by
  const probe = new WebAssembly.Memory({ initial: 1 }), hash = wasmHasher(probe), b = new Uint8Array(probe.buffer);
  for (const k of ["request.headers\u0000x-request-id\u0000", "x-wasmesh-route", ":path", "", "\u0000"]) {
    b.set(Buffer.from(k, "latin1"), 100);
    if (hash(100, k.length) !== hashOf(k)) throw new Error(`icount guest: key hash differs for ${JSON.stringify(k)}`);
  }
}
ex._start?.();
ex.proxy_on_context_create(1, 0);
if (!ex.proxy_on_vm_start(1, 0) || !ex.proxy_on_configure(1, config.length)) throw new Error(`${scenario.wasm} refused its configuration`);
const afterStart = ex.memory.buffer.byteLength;

let id = 2;
function run(count) {
  for (let i = 0; i < count; i++) {
    current = requests[i % requests.length];
    ex.proxy_on_context_create(id, 1);
    ex.proxy_on_request_headers(id, current.count[0], 1);
    ex.proxy_on_response_headers(id, current.count[1], 1);
    ex.proxy_on_log(id);
    ex.proxy_on_done(id);
    ex.proxy_on_delete(id);
    id++;
  }
}

if (mode === "memory") {
  const WARMUP = 10_000;
  run(WARMUP);
  const afterWarmup = ex.memory.buffer.byteLength;
  run(n);
  console.log(JSON.stringify({ afterStart, warmupRequests: WARMUP, afterWarmup, requests: n, afterRequests: ex.memory.buffer.byteLength }));
} else {
  // Warm-up: first calls compile and fill caches (a verified JWT). A full GC before each window
  // (outside it: its cost depends on what Node's start-up left in the heap) makes the windows
  // start from the same JS heap.
  run(Math.max(1000, 2 * requests.length));
  const marker = () => process.getegid();
  globalThis.gc?.(); marker(); run(n); marker();
  globalThis.gc?.(); marker(); run(2 * n); marker();
}
