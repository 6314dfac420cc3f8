// Context switching, proxy_done and foreign functions (§1.2, §1.3, §2.14).
import { WasmResult } from "../abi/enums.ts";
import type { ImportArea } from "./types.ts";
import { EXPRESSION_FUNCTIONS, expressionFunctions } from "./expressions.ts";

export const contextImports: ImportArea = (vm, mem) => {
  const expression = expressionFunctions(vm, mem);
  return {
    /** Lasts until the current callback returns (Vm.call restores the context). */
    proxy_set_effective_context(id: number) {
      if (id === vm.rootId) vm.effective = { kind: "root", id };
      else {
        const stream = vm.streams.get(id);
        if (stream === undefined) return WasmResult.BadArgument;
        vm.effective = { kind: "stream", id, stream };
      }
      return WasmResult.Ok;
    },
    proxy_done() {
      if (vm.current?.kind === "root" && vm.rootDonePending) {
        vm.rootDonePending = false;
        vm.doneCalled = true;
        return WasmResult.Ok;
      }
      return WasmResult.NotFound;
    },
    /**
     * Envoy 1.40 has compress/uncompress/set_envoy_filter_state/declare_property/clear_route_cache
     * and the CEL expr_create/expr_evaluate/expr_delete (imports/expressions.ts).
     */
    proxy_call_foreign_function(nPtr: number, nLen: number, aPtr: number, aLen: number, retPtr: number, retLen: number) {
      const name = mem().readString(nPtr, nLen);
      const arg = mem().read(aPtr, aLen);
      if (name === null || arg === null) return WasmResult.InvalidMemoryAccess;
      if (EXPRESSION_FUNCTIONS.has(name)) return expression(name, arg, retPtr, retLen);
      if (name === "clear_route_cache") {
        const ctx = vm.effective;
        if (ctx?.kind === "stream") ctx.stream.requestHeadersModified();
        return mem().returnBytes(Buffer.alloc(0), retPtr, retLen);
      }
      return WasmResult.NotFound;
    },
  };
};
