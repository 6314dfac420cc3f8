import type { GuestMemory } from "../memory.ts";
import type { Vm } from "../vm.ts";

export type HostFn = (...args: any[]) => number | void;
export type ImportArea = (vm: Vm, mem: () => GuestMemory) => Record<string, HostFn>;
