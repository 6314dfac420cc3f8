// An open-addressing hash map from byte strings to i32, built at config time and read per request
// without allocating (keys are compared in place).
import { bytesEqualN } from "./ascii";
import { fnv1a32 } from "../hash";

export class ByteMap {
  private keys: Array<ArrayBuffer | null>;
  private values: StaticArray<i32>;
  private mask: u32;
  size: i32 = 0;

  constructor(expected: i32) {
    let capacity: i32 = 8;
    while (capacity < expected * 2) capacity <<= 1;
    const keys = new Array<ArrayBuffer | null>(capacity);
    for (let i = 0; i < capacity; i++) keys[i] = null;
    this.keys = keys;
    this.values = new StaticArray<i32>(capacity);
    this.mask = <u32>capacity - 1;
  }

  /** Adds `key`; false when it is already there (the map is sized for `expected` keys). */
  set(key: ArrayBuffer, value: i32): bool {
    if (this.size * 2 >= this.keys.length) return false;
    let slot = fnv1a32(changetype<usize>(key), key.byteLength) & this.mask;
    let k = unchecked(this.keys[slot]);
    while (k !== null) {
      if (k.byteLength == key.byteLength && bytesEqualN(changetype<usize>(k), changetype<usize>(key), key.byteLength, false)) return false;
      slot = (slot + 1) & this.mask;
      k = unchecked(this.keys[slot]);
    }
    this.keys[slot] = key;
    this.values[slot] = value;
    this.size++;
    return true;
  }

  /** The value for the bytes at [ptr, ptr+len), or -1. */
  get(ptr: usize, len: usize): i32 {
    let slot = fnv1a32(ptr, len) & this.mask;
    let k = unchecked(this.keys[slot]);
    while (k !== null) {
      if (<usize>k.byteLength == len && memory.compare(changetype<usize>(k), ptr, len) == 0) return unchecked(this.values[slot]);
      slot = (slot + 1) & this.mask;
      k = unchecked(this.keys[slot]);
    }
    return -1;
  }
}
