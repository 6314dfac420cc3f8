// The request's headers for one on_request_headers call: ONE proxy_get_header_map_pairs, indexed
// in place (Envoy's pairs format, see common/headers/pairs.ts) into tables allocated once.
// Released (the host's block freed) before the callback returns.
import * as env from "../common/abi/imports";
import { MapType, WasmResult } from "../common/abi/enums";

const MAX_PAIRS: i32 = 1024;
const RET_PTR: usize = memory.data(8);
const RET_LEN: usize = memory.data(8);

export class RequestHeaders {
  base: usize = 0;
  count: i32 = 0;
  private keyAt: StaticArray<u32> = new StaticArray<u32>(MAX_PAIRS);
  private keyLen: StaticArray<u32> = new StaticArray<u32>(MAX_PAIRS);
  private valueAt: StaticArray<u32> = new StaticArray<u32>(MAX_PAIRS);
  private valueLen: StaticArray<u32> = new StaticArray<u32>(MAX_PAIRS);

  /** Reads the request headers; false when Envoy returned none or a malformed map. */
  load(): bool {
    this.count = 0;
    this.base = 0;
    if (env.proxy_get_header_map_pairs(MapType.RequestHeaders, RET_PTR, RET_LEN) != WasmResult.Ok) return false;
    const base = load<usize>(RET_PTR), size = <u64>load<usize>(RET_LEN);
    this.base = base;
    if (base == 0 || size < 4) return false;
    const n = load<u32>(base);
    if (n > <u32>MAX_PAIRS || 4 + <u64>n * 8 > size) return false;
    let pos: u64 = 4 + <u64>n * 8;
    for (let i: u32 = 0; i < n; i++) {
      const kl = load<u32>(base + 4 + i * 8), vl = load<u32>(base + 8 + i * 8);
      if (pos + <u64>kl + <u64>vl + 2 > size) return false;
      unchecked(this.keyAt[i] = <u32>pos);
      unchecked(this.keyLen[i] = kl);
      pos += <u64>kl + 1;
      unchecked(this.valueAt[i] = <u32>pos);
      unchecked(this.valueLen[i] = vl);
      pos += <u64>vl + 1;
    }
    this.count = <i32>n;
    return true;
  }

  /** Frees the host's block. */
  release(): void {
    if (this.base != 0) heap.free(this.base);
    this.base = 0;
    this.count = 0;
  }

  /** Index of the next entry named `name` (lower-case bytes) at or after `from`, or -1. */
  find(name: ArrayBuffer, from: i32 = 0): i32 {
    const len = <u32>name.byteLength;
    for (let i = from; i < this.count; i++) {
      if (unchecked(this.keyLen[i]) == len && memory.compare(this.base + unchecked(this.keyAt[i]), changetype<usize>(name), len) == 0) return i;
    }
    return -1;
  }

  @inline valuePtr(i: i32): usize { return this.base + unchecked(this.valueAt[i]); }
  @inline valueLength(i: i32): usize { return unchecked(this.valueLen[i]); }
}
