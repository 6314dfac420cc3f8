// Envoy's serialized header map (u32 count, count × (u32 keyLen, u32 valueLen), then each key
// and value NUL-terminated), indexed in place. Unlike common/headers/pairs.ts it keeps the
// block the host returned (freeing it on the next fill) and reuses its index arrays, so on_log
// allocates nothing per request for headers.
import { proxy_get_header_map_pairs } from "../../common/abi/imports";
import { WasmResult } from "../../common/abi/enums";
import { freeHostBlock } from "../../common/abi/host-blocks";
import { bytesEqualAt } from "../../common/bytes";

const RET_PTR: usize = memory.data(8);
const RET_LEN: usize = memory.data(8);
/** Envoy's default limit is 100 headers; more than this decodes as an empty map. */
const MAX_HEADERS: u32 = 1024;

export class HeaderIndex {
  count: i32 = 0;
  /** Size of the serialized map, for the filter's garbage accounting. */
  bytes: usize = 0;
  private base: usize = 0;
  private hostBlock: usize = 0;
  private keep: ArrayBuffer | null = null;
  private offsets: StaticArray<u32> = new StaticArray<u32>(4 * 64);

  /** Drops the current map (frees the host's block). */
  clear(): void {
    if (this.hostBlock != 0) freeHostBlock(this.hostBlock);
    this.hostBlock = 0;
    this.base = 0;
    this.keep = null;
    this.count = 0;
    this.bytes = 0;
  }

  /** Loads header map `map` from the host; empty when unavailable. */
  fromHost(map: u32): void {
    this.clear();
    if (proxy_get_header_map_pairs(map, RET_PTR, RET_LEN) != WasmResult.Ok) return;
    const ptr = load<usize>(RET_PTR), len = load<usize>(RET_LEN);
    if (ptr == 0) return;
    this.hostBlock = ptr;
    this.index(ptr, len);
  }

  /** Indexes serialized pairs held in `raw` (tests, benchmarks). */
  fromBytes(raw: ArrayBuffer): void {
    this.clear();
    this.keep = raw;
    this.index(changetype<usize>(raw), raw.byteLength);
  }

  private index(base: usize, size: usize): void {
    this.bytes = size;
    if (size < 4) return;
    const n = load<u32>(base);
    if (n > MAX_HEADERS || 4 + <u64>n * 8 > <u64>size) return;
    if (<u32>this.offsets.length < n * 4) this.offsets = new StaticArray<u32>(<i32>(n * 4));
    const o = this.offsets;
    let pos: u64 = 4 + <u64>n * 8;
    for (let i: u32 = 0; i < n; i++) {
      const klen = load<u32>(base + 4 + i * 8);
      const vlen = load<u32>(base + 8 + i * 8);
      if (pos + klen + vlen + 2 > <u64>size) return;
      unchecked(o[i * 4] = <u32>pos);
      unchecked(o[i * 4 + 1] = klen);
      pos += klen + 1;
      unchecked(o[i * 4 + 2] = <u32>pos);
      unchecked(o[i * 4 + 3] = vlen);
      pos += vlen + 1;
    }
    this.base = base;
    this.count = <i32>n;
  }

  @inline keyPtr(i: i32): usize { return this.base + unchecked(this.offsets[i * 4]); }
  @inline keyLen(i: i32): usize { return unchecked(this.offsets[i * 4 + 1]); }
  @inline valuePtr(i: i32): usize { return this.base + unchecked(this.offsets[i * 4 + 2]); }
  @inline valueLen(i: i32): usize { return unchecked(this.offsets[i * 4 + 3]); }

  /** Index of the first entry whose key equals `name` (lower-case bytes), or -1. */
  indexOf(name: ArrayBuffer): i32 {
    const n = <usize>name.byteLength;
    for (let i = 0; i < this.count; i++) {
      if (this.keyLen(i) == n && bytesEqualAt(this.keyPtr(i), n, name)) return i;
    }
    return -1;
  }

  has(name: ArrayBuffer): bool {
    return this.indexOf(name) >= 0;
  }
}
