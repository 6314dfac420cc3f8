// WASI as Envoy provides it (cpp-host exports.cc, §1.4): fd 1/2 become log lines (info/error,
// one trailing '\n' stripped, one line per call), clocks, random, empty args/environ by default,
// proc_exit returns to the guest.
import { randomFillSync } from "node:crypto";
import { WASI } from "../abi/enums.ts";
import type { ImportArea } from "./types.ts";

export const wasiImports: ImportArea = (vm, mem) => {
  const env = () => Object.entries(vm.runtime.environment).map(([k, v]) => Buffer.from(`${k}=${v}\0`));
  const write = (fd: number, iovs: number, count: number, retWritten: number) => {
    if (fd !== 1 && fd !== 2) return WASI.BADF;
    const parts: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const ptr = mem().readU32(iovs + i * 8), len = mem().readU32(iovs + i * 8 + 4);
      const part = ptr === null || len === null ? null : mem().read(ptr, len);
      if (part === null) return WASI.FAULT;
      parts.push(part);
    }
    const all = Buffer.concat(parts);
    if (!mem().writeU32(retWritten, all.length)) return WASI.FAULT;
    let text = all.toString("utf8");
    if (text.endsWith("\n")) text = text.slice(0, -1);
    vm.runtime.log(fd === 1 ? 2 : 4, text, true, vm.label, vm.effective?.kind !== "stream");
    return WASI.SUCCESS;
  };
  return {
    fd_write: write,
    fd_read: () => WASI.NOSYS,
    fd_seek: () => WASI.SUCCESS,
    fd_close: () => WASI.SUCCESS,
    fd_fdstat_get(fd: number, ret: number) {
      if (fd !== 1 && fd !== 2) return WASI.BADF;
      const stat = Buffer.alloc(24);
      stat.writeUInt8(2, 0); // filetype: character device
      stat.writeBigUInt64LE(64n, 8); // rights: FD_WRITE
      return mem().write(ret, stat) ? WASI.SUCCESS : WASI.FAULT;
    },
    fd_prestat_get: () => WASI.BADF,
    fd_prestat_dir_name: () => WASI.NOSYS,
    environ_sizes_get(retCount: number, retSize: number) {
      const all = env();
      return mem().writeU32(retCount, all.length) && mem().writeU32(retSize, all.reduce((n, b) => n + b.length, 0)) ? WASI.SUCCESS : WASI.FAULT;
    },
    environ_get(ptrs: number, buf: number) {
      let at = buf;
      for (const [i, b] of env().entries()) {
        if (!mem().writeU32(ptrs + i * 4, at) || !mem().write(at, b)) return WASI.FAULT;
        at += b.length;
      }
      return WASI.SUCCESS;
    },
    args_sizes_get: (retCount: number, retSize: number) => (mem().writeU32(retCount, 0) && mem().writeU32(retSize, 0) ? WASI.SUCCESS : WASI.FAULT),
    args_get: () => WASI.SUCCESS,
    clock_time_get(id: number, _precision: bigint, ret: number) {
      if (id !== 0 && id !== 1) return WASI.NOTSUP;
      const t = id === 0 ? vm.runtime.nowNanos() : vm.runtime.monotonicNanos();
      return mem().writeU64(ret, t) ? WASI.SUCCESS : WASI.FAULT;
    },
    clock_res_get(id: number, ret: number) {
      if (id !== 0 && id !== 1) return WASI.NOTSUP;
      return mem().writeU64(ret, 1n) ? WASI.SUCCESS : WASI.FAULT;
    },
    random_get(ptr: number, len: number) {
      if (len >>> 0 > 65536) return WASI.INVAL;
      return mem().write(ptr, randomFillSync(Buffer.alloc(len >>> 0))) ? WASI.SUCCESS : WASI.FAULT;
    },
    sched_yield: () => WASI.SUCCESS,
    poll_oneoff: (_in: number, _out: number, _n: number, retEvents: number) => (mem().writeU32(retEvents, 0) ? WASI.SUCCESS : WASI.FAULT),
    proc_exit: () => { vm.runtime.log(0, "wasi_unstable proc_exit", false, vm.label); },
  };
};
