// Buffer functions (§1.2, §2.5): bodies of the current phase, callout body, configurations.
import { BufferType, WasmResult } from "../abi/enums.ts";
import type { Vm } from "../vm.ts";
import type { ImportArea } from "./types.ts";

/** The buffer Envoy would hand out now, or null (→ NotFound). */
function source(vm: Vm, type: number): Buffer | null {
  switch (type) {
    case BufferType.RequestBody:
    case BufferType.ResponseBody: {
      const ctx = vm.effective;
      return ctx?.kind === "stream" ? ctx.stream.body(type) : null;
    }
    case BufferType.HttpCallResponseBody: return vm.callResponse?.body ?? null;
    case BufferType.VmConfiguration: return vm.runtime.vmConfig;
    case BufferType.PluginConfiguration: return vm.inConfigure ? vm.runtime.pluginConfig : null;
    default: return null;
  }
}

export const bufferImports: ImportArea = (vm, mem) => ({
  proxy_get_buffer_status(type: number, retLen: number, retFlags: number) {
    if (type > 8) return WasmResult.BadArgument;
    const buf = source(vm, type);
    if (buf === null) return WasmResult.NotFound;
    return mem().writeU32(retLen, buf.length) && mem().writeU32(retFlags, 0) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
  },
  proxy_get_buffer_bytes(type: number, start: number, maxLen: number, retPtr: number, retLen: number) {
    if (type > 8) return WasmResult.BadArgument;
    start >>>= 0; maxLen >>>= 0;
    const buf = source(vm, type);
    if (buf === null) return WasmResult.NotFound;
    if (start + maxLen > 0xffffffff) return WasmResult.BadArgument;
    if (start > buf.length || maxLen === 0) return mem().returnBytes(Buffer.alloc(0), retPtr, retLen);
    return mem().returnBytes(buf.subarray(start, Math.min(buf.length, start + maxLen)), retPtr, retLen);
  },
  /** Live bodies only: start 0 replaces a prefix (or prepends), start ≥ size appends. */
  proxy_set_buffer_bytes(type: number, start: number, len: number, dataPtr: number, dataLen: number) {
    if (type > 8) return WasmResult.BadArgument;
    start >>>= 0; len >>>= 0;
    const data = mem().read(dataPtr, dataLen);
    if (data === null) return WasmResult.InvalidMemoryAccess;
    const buf = source(vm, type);
    if (buf === null) return WasmResult.NotFound;
    const ctx = vm.effective;
    if ((type !== BufferType.RequestBody && type !== BufferType.ResponseBody) || ctx?.kind !== "stream") return WasmResult.BadArgument;
    if (start === 0) ctx.stream.setBody(type, Buffer.concat([data, buf.subarray(Math.min(len, buf.length))]));
    else if (start >= buf.length) ctx.stream.setBody(type, Buffer.concat([buf, data]));
    else return WasmResult.BadArgument;
    return WasmResult.Ok;
  },
});
