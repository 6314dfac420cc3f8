// Guest linear memory as the host sees it: bounds-checked reads and writes (out of range =
// InvalidMemoryAccess, like cpp-host) and returning buffers through the guest's allocator.
import { WasmResult } from "./abi/enums.ts";

export class GuestMemory {
  private allocate: ((size: number) => number) | null = null;

  constructor(private readonly memory: WebAssembly.Memory) {}

  /** malloc (looked up first, as cpp-host does) or proxy_on_memory_allocate. */
  setAllocator(fn: (size: number) => number): void {
    this.allocate = fn;
  }

  get size(): number {
    return this.memory.buffer.byteLength;
  }

  private inRange(ptr: number, len: number): boolean {
    return ptr >= 0 && len >= 0 && ptr + len <= this.memory.buffer.byteLength;
  }

  /** A copy of [ptr, ptr+len), or null when out of range. */
  read(ptr: number, len: number): Buffer | null {
    ptr >>>= 0; len >>>= 0;
    if (!this.inRange(ptr, len)) return null;
    return Buffer.from(new Uint8Array(this.memory.buffer, ptr, len));
  }

  readString(ptr: number, len: number): string | null {
    const b = this.read(ptr, len);
    return b === null ? null : b.toString("latin1");
  }

  write(ptr: number, data: Uint8Array): boolean {
    ptr >>>= 0;
    if (!this.inRange(ptr, data.length)) return false;
    new Uint8Array(this.memory.buffer, ptr, data.length).set(data);
    return true;
  }

  writeU32(ptr: number, value: number): boolean {
    ptr >>>= 0;
    if (!this.inRange(ptr, 4)) return false;
    new DataView(this.memory.buffer).setUint32(ptr, value >>> 0, true);
    return true;
  }

  writeU64(ptr: number, value: bigint): boolean {
    ptr >>>= 0;
    if (!this.inRange(ptr, 8)) return false;
    new DataView(this.memory.buffer).setBigUint64(ptr, BigInt.asUintN(64, value), true);
    return true;
  }

  readU32(ptr: number): number | null {
    ptr >>>= 0;
    if (!this.inRange(ptr, 4)) return null;
    return new DataView(this.memory.buffer).getUint32(ptr, true);
  }

  /**
   * Copies `data` into a block from the guest's allocator and writes its address and size to the
   * out-pointers. Empty data is returned as ptr 0 / size 0 without calling the allocator.
   */
  returnBytes(data: Uint8Array, retPtr: number, retLen: number): number {
    if (data.length === 0) {
      return this.writeU32(retPtr, 0) && this.writeU32(retLen, 0) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
    }
    const ptr = this.allocate === null ? 0 : this.allocate(data.length) >>> 0;
    if (ptr === 0 || !this.write(ptr, data)) return WasmResult.InvalidMemoryAccess;
    return this.writeU32(retPtr, ptr) && this.writeU32(retLen, data.length) ? WasmResult.Ok : WasmResult.InvalidMemoryAccess;
  }
}
