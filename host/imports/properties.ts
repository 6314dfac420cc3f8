// proxy_get_property / proxy_set_property (§4): NUL-separated paths; plugin attributes anywhere,
// stream attributes on stream contexts, then filter state written by set_property.
import { WasmResult } from "../abi/enums.ts";
import { nodeProto, str } from "../properties.ts";
import type { Vm } from "../vm.ts";
import type { ImportArea } from "./types.ts";

function lookup(vm: Vm, raw: string): Buffer | null {
  return lookupPath(vm, (raw.endsWith("\0") ? raw.slice(0, -1) : raw).split("\0"));
}

/** What proxy_get_property answers for `path` in the effective context; null: NotFound. */
export function lookupPath(vm: Vm, path: string[]): Buffer | null {
  const rt = vm.runtime;
  if (path.length === 1) {
    if (path[0] === "plugin_name") return str(rt.name);
    if (path[0] === "plugin_root_id") return str(rt.rootId);
    if (path[0] === "plugin_vm_id") return str(rt.vmId);
  }
  if (path[0] === "xds" && path[1] === "node") {
    if (path.length === 2) return nodeProto(rt.node);
    if (path[2] === "id") return str(rt.node.id);
    if (path[2] === "cluster") return str(rt.node.cluster);
    return null;
  }
  const ctx = vm.effective;
  if (ctx?.kind !== "stream") return null;
  const value = ctx.stream.property(path);
  if (value !== null && value !== undefined) return value;
  return ctx.stream.filterState.get(path.join("\0")) ?? null;
}

export const propertyImports: ImportArea = (vm, mem) => ({
  proxy_get_property(pPtr: number, pLen: number, retPtr: number, retLen: number) {
    const path = mem().readString(pPtr, pLen);
    if (path === null) return WasmResult.InvalidMemoryAccess;
    const value = lookup(vm, path);
    return value === null ? WasmResult.NotFound : mem().returnBytes(value, retPtr, retLen);
  },
  /** Writes filter state `wasm.<path>`; NotFound without a stream (root context). */
  proxy_set_property(pPtr: number, pLen: number, vPtr: number, vLen: number) {
    const path = mem().readString(pPtr, pLen);
    const value = mem().read(vPtr, vLen);
    if (path === null || value === null) return WasmResult.InvalidMemoryAccess;
    const ctx = vm.effective;
    if (ctx?.kind !== "stream") return WasmResult.NotFound;
    ctx.stream.filterState.set(path.endsWith("\0") ? path.slice(0, -1) : path, value);
    return WasmResult.Ok;
  },
});
