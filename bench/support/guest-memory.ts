// What a stub host needs of a guest's linear memory: a DataView and a Buffer over it, rebuilt
// only when memory grows (growth detaches the old buffer); handing bytes to the guest the way
// Envoy does (the guest's malloc, then pointer and length at the return slots); and keys looked
// up by a hash of their bytes in place, since decoding each key to a JS string would cost more
// than most of the guest's own work and blur the measurement.
export interface GuestMemory {
  view(): DataView;
  /** Copies `value` into a block from the guest's malloc and writes its pointer and length. */
  give(value: Buffer, retPtr: number, retLen: number): number;
  /** hashOf() of the `n` bytes at `p`. */
  hashAt(p: number, n: number): number;
}

export function hashOf(key: string): number {
  const b = Buffer.from(key, "latin1");
  let h = b.length;
  for (const c of b) h = (Math.imul(h, 31) + c) | 0;
  return h;
}

export function guestMemory(memory: () => WebAssembly.Memory, malloc: (size: number) => number): GuestMemory {
  let buffer: ArrayBuffer | null = null, dv = new DataView(new ArrayBuffer(0)), bytes = Buffer.alloc(0);
  const sync = () => {
    const b = memory().buffer;
    if (b !== buffer) { buffer = b; dv = new DataView(b); bytes = Buffer.from(b); }
  };
  return {
    view() { sync(); return dv; },
    give(value, retPtr, retLen) {
      const p = value.length === 0 ? 0 : malloc(value.length);
      sync();
      if (p !== 0) value.copy(bytes, p);
      dv.setUint32(retPtr, p, true);
      dv.setUint32(retLen, value.length, true);
      return 0;
    },
    hashAt(p, n) {
      sync();
      let h = n;
      for (let i = 0; i < n; i++) h = (Math.imul(h, 31) + bytes[p + i]) | 0;
      return h;
    },
  };
}
