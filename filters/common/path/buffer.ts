// A growable byte buffer reused across requests, so normalizing a path allocates nothing once
// the buffer has grown to the longest path seen.

export class PathBuffer {
  data: ArrayBuffer;
  length: i32 = 0;

  constructor(capacity: i32 = 256) {
    this.data = new ArrayBuffer(capacity);
  }

  @inline get ptr(): usize { return changetype<usize>(this.data); }

  reset(capacity: i32): void {
    if (this.data.byteLength < capacity) this.data = new ArrayBuffer(capacity);
    this.length = 0;
  }

  @inline push(c: u8): void {
    store<u8>(changetype<usize>(this.data) + <usize>this.length, c);
    this.length++;
  }

  @inline at(i: i32): u8 { return load<u8>(changetype<usize>(this.data) + <usize>i); }
  @inline set(i: i32, c: u8): void { store<u8>(changetype<usize>(this.data) + <usize>i, c); }

  /** A copy of the current contents (tests, config time). */
  toBytes(): ArrayBuffer {
    const out = new ArrayBuffer(this.length);
    memory.copy(changetype<usize>(out), changetype<usize>(this.data), <usize>this.length);
    return out;
  }
}
