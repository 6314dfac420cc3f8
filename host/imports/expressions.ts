// Envoy's CEL foreign functions for proxy_call_foreign_function, on the subset of host/cel-list.ts:
// expr_create (the expression's text → a 4-byte LE token, numbered from 0 in the VM's root
// context; BadArgument when it is not in the subset), expr_evaluate (the token → the list in the
// effective context; NotFound for an unknown token, InternalFailure when an unguarded element is
// absent), expr_delete (frees the token). Off (NotFound, as a host without them) when the plugin
// runs with `celExpressions: false`; every evaluation fails with `celExpressions: "failing"`.
import { WasmResult } from "../abi/enums.ts";
import { parseCelList, evaluateCelList, type CelListElement } from "../cel-list.ts";
import type { GuestMemory } from "../memory.ts";
import type { Vm } from "../vm.ts";
import { lookupPath } from "./properties.ts";

/** A value proxy_set_property left on the effective stream (Envoy: filter state "wasm.<path>"). */
function filterState(vm: Vm, path: string): Buffer | null {
  const ctx = vm.effective;
  return ctx?.kind === "stream" ? ctx.stream.filterState.get(path) ?? null : null;
}

export const EXPRESSION_FUNCTIONS = new Set(["expr_create", "expr_evaluate", "expr_delete"]);

export function expressionFunctions(vm: Vm, mem: () => GuestMemory) {
  const compiled = new Map<number, CelListElement[]>();
  let next = 0;
  return (name: string, arg: Buffer, retPtr: number, retLen: number): number => {
    if (!vm.runtime.celExpressions) return WasmResult.NotFound;
    if (name === "expr_create") {
      const list = parseCelList(arg.toString("utf8"));
      if (list === null) return WasmResult.BadArgument;
      const token = Buffer.alloc(4);
      token.writeUInt32LE(next);
      compiled.set(next++, list);
      return mem().returnBytes(token, retPtr, retLen);
    }
    if (arg.length !== 4) return WasmResult.BadArgument;
    const token = arg.readUInt32LE(0);
    const list = compiled.get(token);
    if (list === undefined) return WasmResult.NotFound;
    if (name === "expr_delete") {
      compiled.delete(token);
      return WasmResult.Ok;
    }
    if (vm.runtime.celExpressions === "failing") return WasmResult.InternalFailure;
    const value = evaluateCelList(list, (path) => path[0] === "filter_state" ? filterState(vm, path[1]) : lookupPath(vm, path));
    return value === null ? WasmResult.InternalFailure : mem().returnBytes(value, retPtr, retLen);
  };
}
