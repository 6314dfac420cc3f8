// Envoy's serialized header map: u32 count, count × (u32 keyLen, u32 valueLen), then each key
// and value followed by a NUL. All integers little-endian. An empty map arrives as no bytes.
import { copyFrom } from "../bytes";

const NO_BYTES = new ArrayBuffer(0);
const NO_INDEX = new StaticArray<u32>(0);

/** A decoded header map that keeps the host's bytes and indexes into them (no copies). */
export class HeaderPairs {
  constructor(
    /** Read only: set by the constructor and `fill`. */
    public raw: ArrayBuffer,
    /** Read only: set by the constructor and `fill`. */
    public count: i32,
    /** Per entry: key offset, key length, value offset, value length (one allocation per map). */
    private index: StaticArray<u32>,
  ) {}

  static empty(): HeaderPairs {
    return new HeaderPairs(NO_BYTES, 0, NO_INDEX);
  }

  /** Decodes Envoy's pairs format; a malformed buffer decodes as an empty map. `size` (default:
   * all of `raw`) and `reuse` (an index array of at least 4 × count entries) serve callers that
   * reuse their buffers across requests. */
  static decode(raw: ArrayBuffer, size: u32 = u32.MAX_VALUE, reuse: StaticArray<u32> | null = null): HeaderPairs {
    return HeaderPairs.empty().fill(raw, size, reuse);
  }

  /** As `decode`, into this object (for a caller that reuses one per request); returns it. */
  fill(raw: ArrayBuffer, size: u32, reuse: StaticArray<u32> | null): HeaderPairs {
    this.count = 0;
    if (size > <u32>raw.byteLength) size = <u32>raw.byteLength;
    if (size < 4) return this;
    const base = changetype<usize>(raw);
    const n = load<u32>(base);
    if (n > 1024 || 4 + <u64>n * 8 > <u64>size) return this;
    const index = reuse !== null && <u32>reuse.length >= n << 2 ? reuse : new StaticArray<u32>(n << 2);
    const at = changetype<usize>(index);
    let pos: u64 = 4 + <u64>n * 8;
    for (let i: u32 = 0; i < n; i++) {
      const klen = load<u32>(base + 4 + i * 8);
      const vlen = load<u32>(base + 8 + i * 8);
      if (pos + klen + vlen + 2 > <u64>size) return this;
      const e = at + (<usize>i << 4);
      store<u32>(e, <u32>pos); store<u32>(e, klen, 4);
      pos += klen + 1;
      store<u32>(e, <u32>pos, 8); store<u32>(e, vlen, 12);
      pos += vlen + 1;
    }
    this.raw = raw; this.index = index; this.count = <i32>n;
    return this;
  }

  @inline private entry(i: i32): usize { return changetype<usize>(this.index) + (<usize>i << 4); }
  @inline keyPtr(i: i32): usize { return changetype<usize>(this.raw) + load<u32>(this.entry(i)); }
  @inline keyLen(i: i32): usize { return load<u32>(this.entry(i), 4); }
  @inline valuePtr(i: i32): usize { return changetype<usize>(this.raw) + load<u32>(this.entry(i), 8); }
  @inline valueLen(i: i32): usize { return load<u32>(this.entry(i), 12); }

  /** Index of the first entry whose key equals `name` (lower-case bytes), or -1. */
  indexOf(name: ArrayBuffer, from: i32 = 0): i32 {
    const n = <usize>name.byteLength;
    for (let i = from; i < this.count; i++) {
      // The length first, without a call: most keys differ in it.
      if (this.keyLen(i) == n && memory.compare(this.keyPtr(i), changetype<usize>(name), n) == 0) return i;
    }
    return -1;
  }

  has(name: ArrayBuffer): bool {
    return this.indexOf(name) >= 0;
  }

  /** A copy of the first value of `name`, or null. */
  first(name: ArrayBuffer): ArrayBuffer | null {
    const i = this.indexOf(name);
    return i < 0 ? null : copyFrom(this.valuePtr(i), this.valueLen(i));
  }
}

/** Serializes (key, value) byte pairs in Envoy's format. */
export function encodePairs(keys: ArrayBuffer[], values: ArrayBuffer[]): ArrayBuffer {
  const n = keys.length;
  let size = 4 + n * 8;
  for (let i = 0; i < n; i++) size += keys[i].byteLength + values[i].byteLength + 2;
  const out = new ArrayBuffer(size);
  const base = changetype<usize>(out);
  store<u32>(base, n);
  let pos = base + 4 + n * 8;
  for (let i = 0; i < n; i++) {
    const k = keys[i], v = values[i];
    store<u32>(base + 4 + i * 8, k.byteLength);
    store<u32>(base + 8 + i * 8, v.byteLength);
    memory.copy(pos, changetype<usize>(k), k.byteLength); pos += k.byteLength;
    store<u8>(pos++, 0);
    memory.copy(pos, changetype<usize>(v), v.byteLength); pos += v.byteLength;
    store<u8>(pos++, 0);
  }
  return out;
}
