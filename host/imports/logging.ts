// proxy_log, log level, clock and tick period (§1.2, §2.10, §2.13).
import { WasmResult } from "../abi/enums.ts";
import type { ImportArea } from "./types.ts";

export const loggingImports: ImportArea = (vm, mem) => ({
  proxy_log(level: number, ptr: number, len: number) {
    if (level > 5) return WasmResult.BadArgument;
    const msg = mem().read(ptr, len);
    if (msg === null) return WasmResult.InvalidMemoryAccess;
    vm.runtime.log(level, msg.toString("utf8"), true, vm.label, vm.effective?.kind !== "stream");
    return WasmResult.Ok;
  },
  proxy_get_log_level(retLevel: number) {
    return mem().writeU32(retLevel, vm.runtime.logLevel) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
  },
  proxy_get_current_time_nanoseconds(retTime: number) {
    return mem().writeU64(retTime, vm.runtime.nowNanos()) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
  },
  /** Applies to the VM's root context whatever the effective context is; 0 disables. */
  proxy_set_tick_period_milliseconds(periodMs: number) {
    vm.tickPeriodMs = periodMs >>> 0;
    vm.nextTickAt = Number(vm.runtime.monotonicNanos() / 1_000_000n) + vm.tickPeriodMs;
    return WasmResult.Ok;
  },
});
