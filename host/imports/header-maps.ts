// Header-map functions (§1.2, §3): keys lower-cased, first value on single get, Envoy's pair
// format both ways, BadArgument where Envoy has no map, route cache cleared on request writes.
import { MapType, WasmResult } from "../abi/enums.ts";
import { decodePairs, encodePairs } from "../abi/pairs.ts";
import type { HeaderMap } from "../header-map.ts";
import type { Vm } from "../vm.ts";
import type { ImportArea } from "./types.ts";

function readable(vm: Vm, type: number): HeaderMap | null {
  if (type === MapType.HttpCallResponseHeaders) return vm.callResponse?.headers ?? null;
  if (type === MapType.HttpCallResponseTrailers) return vm.callResponse?.trailers ?? null;
  const ctx = vm.effective;
  return ctx?.kind === "stream" ? ctx.stream.readableMap(type) : null;
}

function writable(vm: Vm, type: number): HeaderMap | null {
  const ctx = vm.effective;
  return ctx?.kind === "stream" ? ctx.stream.writableMap(type) : null;
}

function modified(vm: Vm, type: number): void {
  const ctx = vm.effective;
  if (type === MapType.RequestHeaders && ctx?.kind === "stream") ctx.stream.requestHeadersModified();
}

export const headerMapImports: ImportArea = (vm, mem) => ({
  proxy_get_header_map_value(type: number, kPtr: number, kLen: number, retPtr: number, retLen: number) {
    if (type > 7) return WasmResult.BadArgument;
    const key = mem().readString(kPtr, kLen);
    if (key === null) return WasmResult.InvalidMemoryAccess;
    const map = readable(vm, type);
    if (map === null) return WasmResult.BadArgument;
    const value = map.get(key);
    if (value === undefined) return WasmResult.NotFound;
    return mem().returnBytes(Buffer.from(value, "latin1"), retPtr, retLen);
  },
  proxy_get_header_map_pairs(type: number, retPtr: number, retLen: number) {
    if (type > 7) return WasmResult.BadArgument;
    const map = readable(vm, type);
    const pairs = map === null ? [] : map.pairs();
    return mem().returnBytes(pairs.length === 0 ? Buffer.alloc(0) : encodePairs(pairs), retPtr, retLen);
  },
  /** Envoy returns HeaderMap::byteSize(): the sum of key and value lengths. */
  proxy_get_header_map_size(type: number, retSize: number) {
    if (type > 7) return WasmResult.BadArgument;
    const map = readable(vm, type);
    if (map === null) return WasmResult.BadArgument;
    return mem().writeU32(retSize, map.byteSize) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
  },
  /** A malformed buffer parses as an empty map: every header removed, still Ok (§3). */
  proxy_set_header_map_pairs(type: number, ptr: number, len: number) {
    if (type > 7) return WasmResult.BadArgument;
    const bytes = mem().read(ptr, len);
    if (bytes === null) return WasmResult.InvalidMemoryAccess;
    const map = writable(vm, type);
    if (map === null) return WasmResult.BadArgument;
    map.setAll(decodePairs(bytes) ?? []);
    modified(vm, type);
    return WasmResult.Ok;
  },
  proxy_add_header_map_value(type: number, kPtr: number, kLen: number, vPtr: number, vLen: number) {
    return mutate(vm, mem, type, kPtr, kLen, vPtr, vLen, (m, k, v) => m.add(k, v));
  },
  proxy_replace_header_map_value(type: number, kPtr: number, kLen: number, vPtr: number, vLen: number) {
    return mutate(vm, mem, type, kPtr, kLen, vPtr, vLen, (m, k, v) => m.replace(k, v));
  },
  proxy_remove_header_map_value(type: number, kPtr: number, kLen: number) {
    return mutate(vm, mem, type, kPtr, kLen, 0, 0, (m, k) => m.remove(k));
  },
});

function mutate(vm: Vm, mem: Parameters<ImportArea>[1], type: number, kPtr: number, kLen: number, vPtr: number, vLen: number,
  op: (m: HeaderMap, key: string, value: string) => void): number {
  if (type > 7) return WasmResult.BadArgument;
  const key = mem().readString(kPtr, kLen);
  const value = mem().readString(vPtr, vLen);
  if (key === null || value === null) return WasmResult.InvalidMemoryAccess;
  const map = writable(vm, type);
  if (map === null) return WasmResult.BadArgument;
  op(map, key, value);
  modified(vm, type);
  return WasmResult.Ok;
}
