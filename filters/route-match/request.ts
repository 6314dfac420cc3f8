// The request's headers for one on_request_headers call: ONE proxy_get_header_map_pairs, read in
// place (Envoy's pairs format, see common/headers/pairs.ts). One pass checks the block, keeps each
// entry's key offset (lengths stay in the block's own table) and picks out the pseudo-headers the
// filter always needs, so no lookup walks the headers again for them. Released (the host's block
// freed) before the callback returns.
import * as env from "../common/abi/imports";
import { MapType, WasmResult } from "../common/abi/enums";
import { utf8 } from "../common/bytes";

const MAX_PAIRS: i32 = 1024;
const RET_PTR: usize = memory.data(8);
const RET_LEN: usize = memory.data(8);
const AUTHORITY = utf8(":authority");
const PATH = utf8(":path");
const METHOD = utf8(":method");
const COLON: u8 = 0x3a;

export class RequestHeaders {
  base: usize = 0;
  count: i32 = 0;
  /** Entry indices of the first `:authority`, `:path` and `:method`, or -1. */
  authority: i32 = -1;
  path: i32 = -1;
  method: i32 = -1;
  private keyAt: StaticArray<u32> = new StaticArray<u32>(MAX_PAIRS);

  /** Reads the request headers; false when Envoy returned none or a malformed map (then the
   *  request has no headers at all). */
  load(): bool {
    this.count = 0;
    this.base = 0;
    this.authority = this.path = this.method = -1;
    if (env.proxy_get_header_map_pairs(MapType.RequestHeaders, RET_PTR, RET_LEN) != WasmResult.Ok) return false;
    const base = load<usize>(RET_PTR), size = <u64>load<usize>(RET_LEN);
    this.base = base;
    if (base == 0 || size < 4) return false;
    const n = load<u32>(base);
    if (n > <u32>MAX_PAIRS || 4 + <u64>n * 8 > size) return false;
    const keyAt = this.keyAt;
    let authority = -1, path = -1, method = -1;
    let pos: u64 = 4 + <u64>n * 8;
    for (let i: u32 = 0; i < n; i++) {
      const kl = load<u32>(base + 4 + i * 8), vl = load<u32>(base + 8 + i * 8);
      if (pos + <u64>kl + <u64>vl + 2 > size) return false;
      unchecked(keyAt[i] = <u32>pos);
      const key = base + <usize>pos;
      if (load<u8>(key) == COLON) {
        if (kl == 10) { if (authority < 0 && memory.compare(key, changetype<usize>(AUTHORITY), 10) == 0) authority = i; }
        else if (kl == 5) { if (path < 0 && memory.compare(key, changetype<usize>(PATH), 5) == 0) path = i; }
        else if (kl == 7) { if (method < 0 && memory.compare(key, changetype<usize>(METHOD), 7) == 0) method = i; }
      }
      pos += <u64>kl + <u64>vl + 2;
    }
    this.count = <i32>n;
    this.authority = authority;
    this.path = path;
    this.method = method;
    return true;
  }

  /** Frees the host's block. */
  release(): void {
    if (this.base != 0) heap.free(this.base);
    this.base = 0;
    this.count = 0;
    this.authority = this.path = this.method = -1;
  }

  /** Index of the next entry named `name` (lower-case bytes) at or after `from`, or -1. */
  find(name: ArrayBuffer, from: i32 = 0): i32 {
    const len = <u32>name.byteLength;
    const base = this.base, keyAt = this.keyAt;
    for (let i = from; i < this.count; i++) {
      if (load<u32>(base + 4 + <usize>i * 8) == len && memory.compare(base + unchecked(keyAt[i]), changetype<usize>(name), len) == 0) return i;
    }
    return -1;
  }

  @inline private keyLength(i: i32): usize { return load<u32>(this.base + 4 + <usize>i * 8); }
  @inline valuePtr(i: i32): usize { return this.base + unchecked(this.keyAt[i]) + this.keyLength(i) + 1; }
  @inline valueLength(i: i32): usize { return load<u32>(this.base + 8 + <usize>i * 8); }
}
