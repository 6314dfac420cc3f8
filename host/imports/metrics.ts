// Metrics (§2.12): process-wide stats behind per-VM ids.
import { WasmResult } from "../abi/enums.ts";
import type { ImportArea } from "./types.ts";

export const metricImports: ImportArea = (vm, mem) => ({
  proxy_define_metric(type: number, nPtr: number, nLen: number, retId: number) {
    const name = mem().readString(nPtr, nLen);
    if (name === null) return WasmResult.InvalidMemoryAccess;
    const id = vm.metrics.define(type, name);
    if (id === null) return WasmResult.BadArgument;
    return mem().writeU32(retId, id) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
  },
  proxy_increment_metric: (id: number, delta: bigint) => vm.metrics.increment(id >>> 0, delta),
  proxy_record_metric: (id: number, value: bigint) => vm.metrics.record(id >>> 0, value),
  proxy_get_metric(id: number, retValue: number) {
    const v = vm.metrics.get(id >>> 0);
    if (typeof v === "number") return v;
    return mem().writeU64(retValue, v) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
  },
});
