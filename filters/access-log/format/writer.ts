// A growable byte buffer that records are serialized into. One writer is reused for every
// record of a VM, so the hot path allocates only when a record outgrows all earlier ones.

export class ByteWriter {
  buf: ArrayBuffer;
  len: i32 = 0;

  constructor(capacity: i32 = 1024) {
    this.buf = new ArrayBuffer(capacity);
  }

  @inline reset(): void {
    this.len = 0;
  }

  @inline get ptr(): usize { return changetype<usize>(this.buf); }

  @inline ensure(extra: i32): void {
    if (this.len + extra > this.buf.byteLength) this.grow(extra);
  }

  private grow(extra: i32): void {
    const need = this.len + extra;
    let cap = this.buf.byteLength < 32 ? 64 : this.buf.byteLength << 1;
    while (cap < need) cap <<= 1;
    const next = new ArrayBuffer(cap);
    memory.copy(changetype<usize>(next), changetype<usize>(this.buf), this.len);
    this.buf = next;
  }

  @inline byte(b: u8): void {
    this.ensure(1);
    store<u8>(this.ptr + this.len, b);
    this.len++;
  }

  raw(ptr: usize, n: i32): void {
    this.ensure(n);
    const dst = this.ptr + this.len;
    // Most keys and values are short, and engines run memory.copy as a call out of the module,
    // which costs more than two overlapping word moves (both loaded before either is stored).
    if (n >= 8 && n <= 16) {
      const a = load<u64>(ptr), b = load<u64>(ptr + n - 8);
      store<u64>(dst, a);
      store<u64>(dst + n - 8, b);
    } else if (n >= 4 && n < 8) {
      const a = load<u32>(ptr), b = load<u32>(ptr + n - 4);
      store<u32>(dst, a);
      store<u32>(dst + n - 4, b);
    } else {
      memory.copy(dst, ptr, n);
    }
    this.len += n;
  }

  @inline bytes(b: ArrayBuffer): void {
    this.raw(changetype<usize>(b), b.byteLength);
  }

  /** Decimal digits of a non-negative integer. */
  uint(v: u64): void {
    if (v == 0) { this.byte(0x30); return; }
    let digits = 0;
    for (let t = v; t > 0; t /= 10) digits++;
    this.ensure(digits);
    let p = this.ptr + this.len + digits;
    for (let t = v; t > 0; t /= 10) store<u8>(--p, <u8>(0x30 + <u32>(t % 10)));
    this.len += digits;
  }

  int(v: i64): void {
    if (v < 0) { this.byte(0x2d); this.uint(<u64>(-v)); } else this.uint(<u64>v);
  }

  /** Fixed-width zero-padded decimal (times). */
  padded(v: u32, width: i32): void {
    this.ensure(width);
    let p = this.ptr + this.len + width;
    for (let i = 0; i < width; i++) { store<u8>(--p, <u8>(0x30 + v % 10)); v /= 10; }
    this.len += width;
  }

  /** A copy of what was written. */
  take(): ArrayBuffer {
    const out = new ArrayBuffer(this.len);
    memory.copy(changetype<usize>(out), this.ptr, this.len);
    return out;
  }
}
