// Shared data and queues (§2.11), namespaced by the plugin's vm_id.
import { WasmResult } from "../abi/enums.ts";
import type { ImportArea } from "./types.ts";

export const sharedImports: ImportArea = (vm, mem) => ({
  proxy_get_shared_data(kPtr: number, kLen: number, retPtr: number, retLen: number, retCas: number) {
    const key = mem().readString(kPtr, kLen);
    if (key === null) return WasmResult.InvalidMemoryAccess;
    const entry = vm.runtime.shared.get(vm.runtime.vmId, key);
    if (entry === undefined) return WasmResult.NotFound;
    if (!mem().writeU32(retCas, entry.cas)) return WasmResult.InvalidMemoryAccess;
    return mem().returnBytes(entry.value, retPtr, retLen);
  },
  proxy_set_shared_data(kPtr: number, kLen: number, vPtr: number, vLen: number, cas: number) {
    const key = mem().readString(kPtr, kLen);
    const value = mem().read(vPtr, vLen);
    if (key === null || value === null) return WasmResult.InvalidMemoryAccess;
    return vm.runtime.shared.set(vm.runtime.vmId, key, value, cas >>> 0);
  },
  proxy_register_shared_queue(nPtr: number, nLen: number, retId: number) {
    const name = mem().readString(nPtr, nLen);
    if (name === null) return WasmResult.InvalidMemoryAccess;
    const rootId = vm.rootId;
    const id = vm.runtime.queues.register(vm.runtime.vmId, name, {
      notify: (queueId) => vm.pendingQueueReady.push(() => vm.call({ kind: "root", id: rootId }, "proxy_on_queue_ready", rootId, queueId)),
    });
    return mem().writeU32(retId, id) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
  },
  proxy_resolve_shared_queue(vPtr: number, vLen: number, nPtr: number, nLen: number, retId: number) {
    const vmId = mem().readString(vPtr, vLen);
    const name = mem().readString(nPtr, nLen);
    if (vmId === null || name === null) return WasmResult.InvalidMemoryAccess;
    const id = vm.runtime.queues.resolve(vmId === "" ? vm.runtime.vmId : vmId, name);
    if (id === undefined) return WasmResult.NotFound;
    return mem().writeU32(retId, id) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
  },
  proxy_enqueue_shared_queue(id: number, dPtr: number, dLen: number) {
    const data = mem().read(dPtr, dLen);
    if (data === null) return WasmResult.InvalidMemoryAccess;
    return vm.runtime.queues.enqueue(id, data);
  },
  proxy_dequeue_shared_queue(id: number, retPtr: number, retLen: number) {
    const r = vm.runtime.queues.dequeue(id);
    return typeof r === "number" ? r : mem().returnBytes(r, retPtr, retLen);
  },
});
