// The header map read into buffers reused from request to request, decoded into one reused
// HeaderPairs: no allocation per request. The result is only valid until the next call, so a
// filter may use it during one callback and must copy anything it keeps (a cached token, say).
import * as env from "../abi/imports";
import { WasmResult } from "../abi/enums";
import { HeaderPairs } from "./pairs";
import { freeHostBlock } from "../abi/host-blocks";

const RET_PTR: usize = memory.data(8);
const RET_LEN: usize = memory.data(8);
let raw = new ArrayBuffer(2048);
let index = new StaticArray<u32>(64);
const pairs = HeaderPairs.empty();

export function getHeaderPairsReused(map: u32): HeaderPairs {
  if (env.proxy_get_header_map_pairs(map, RET_PTR, RET_LEN) != WasmResult.Ok) return pairs.fill(raw, 0, null);
  const ptr = load<usize>(RET_PTR), len = load<usize>(RET_LEN);
  if (ptr == 0) return pairs.fill(raw, 0, null);
  if (<usize>raw.byteLength < len) raw = new ArrayBuffer(<i32>len);
  memory.copy(changetype<usize>(raw), ptr, len);
  freeHostBlock(ptr);
  const count = len >= 4 ? load<u32>(changetype<usize>(raw)) : 0;
  if (count <= 1024 && <u32>index.length < count << 2) index = new StaticArray<u32>(<i32>(count << 2));
  return pairs.fill(raw, <u32>len, index);
}
