// A string property as Envoy returned it, read in place: the record keeps the host's block and
// frees it on the next clear, so collecting a record allocates nothing per property.
import { proxy_get_property, proxy_get_header_map_value } from "../../common/abi/imports";
import { WasmResult } from "../../common/abi/enums";
import { freeHostBlock } from "../../common/abi/host-blocks";

const RET_PTR: usize = memory.data(8);
const RET_LEN: usize = memory.data(8);

export class HostBytes {
  ptr: usize = 0;
  len: i32 = 0;
  private hostBlock: usize = 0;
  private keep: ArrayBuffer | null = null;

  /** Whether Envoy had a non-empty value (an empty string counts as unknown, as before). */
  @inline get present(): bool { return this.len > 0; }

  clear(): void {
    if (this.hostBlock != 0) freeHostBlock(this.hostBlock);
    this.hostBlock = 0;
    this.keep = null;
    this.ptr = 0;
    this.len = 0;
  }

  /** Loads property `path` (NUL-separated segments); absent when Envoy has none. */
  fromProperty(path: ArrayBuffer): void {
    this.clear();
    if (proxy_get_property(changetype<usize>(path), path.byteLength, RET_PTR, RET_LEN) != WasmResult.Ok) return;
    const ptr = load<usize>(RET_PTR);
    if (ptr == 0) return;
    this.hostBlock = ptr;
    this.ptr = ptr;
    this.len = <i32>load<usize>(RET_LEN);
  }

  /**
   * Loads the first value of header `name` (lower case) of map `map`; false when the map has no
   * such header. Unlike a property, an empty value is found (len 0).
   */
  fromHeader(map: u32, name: ArrayBuffer): bool {
    this.clear();
    if (proxy_get_header_map_value(map, changetype<usize>(name), name.byteLength, RET_PTR, RET_LEN) != WasmResult.Ok) return false;
    const ptr = load<usize>(RET_PTR);
    this.hostBlock = ptr;
    this.ptr = ptr;
    this.len = ptr == 0 ? 0 : <i32>load<usize>(RET_LEN);
    return true;
  }

  /** Points at bytes inside a block someone else owns (an element of a batched list). */
  view(ptr: usize, len: i32): void {
    this.clear();
    this.ptr = ptr;
    this.len = len;
  }

  /** Holds `b` (tests, benchmarks); null is absent. */
  set(b: ArrayBuffer | null): void {
    this.clear();
    if (b === null) return;
    this.keep = b;
    this.ptr = changetype<usize>(b);
    this.len = b.byteLength;
  }
}
