// SHA-256 (FIPS 180-4). Incremental (Sha256) for HMAC, one-shot for the rest.

// First 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4 §4.2.2).
const K: StaticArray<u32> = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
// First 32 bits of the fractional parts of the square roots of the first 8 primes (§5.3.3).
const IV: StaticArray<u32> = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

@inline function rotr(x: u32, n: u32): u32 {
  return (x >>> n) | (x << (32 - n));
}

export class Sha256 {
  private h: StaticArray<u32> = new StaticArray<u32>(8);
  private w: StaticArray<u32> = new StaticArray<u32>(64);
  private buf: ArrayBuffer = new ArrayBuffer(64);
  private bufLen: i32 = 0;
  private total: u64 = 0;

  constructor() {
    this.reset();
  }

  reset(): void {
    for (let i = 0; i < 8; i++) unchecked((this.h[i] = IV[i]));
    this.bufLen = 0;
    this.total = 0;
  }

  updateAt(ptr: usize, len: i32): void {
    this.total += <u64>len;
    const buf = changetype<usize>(this.buf);
    let i = 0;
    if (this.bufLen > 0) {
      const take = min(64 - this.bufLen, len);
      memory.copy(buf + this.bufLen, ptr, take);
      this.bufLen += take;
      i = take;
      if (this.bufLen < 64) return;
      this.block(buf);
      this.bufLen = 0;
    }
    while (i + 64 <= len) {
      this.block(ptr + i);
      i += 64;
    }
    if (i < len) {
      memory.copy(buf, ptr + i, len - i);
      this.bufLen = len - i;
    }
  }

  update(data: ArrayBuffer): void {
    this.updateAt(changetype<usize>(data), data.byteLength);
  }

  /** The digest; the context must be reset before reuse. */
  finish(): ArrayBuffer {
    const bits = this.total << 3;
    const buf = changetype<usize>(this.buf);
    store<u8>(buf + this.bufLen, 0x80);
    this.bufLen++;
    if (this.bufLen > 56) {
      memory.fill(buf + this.bufLen, 0, 64 - this.bufLen);
      this.block(buf);
      this.bufLen = 0;
    }
    memory.fill(buf + this.bufLen, 0, 56 - this.bufLen);
    store<u64>(buf + 56, bswap<u64>(bits));
    this.block(buf);
    const out = new ArrayBuffer(32);
    for (let i = 0; i < 8; i++) {
      store<u32>(changetype<usize>(out) + (<usize>i << 2), bswap<u32>(unchecked(this.h[i])));
    }
    return out;
  }

  private block(p: usize): void {
    const w = this.w;
    for (let t = 0; t < 16; t++) unchecked((w[t] = bswap<u32>(load<u32>(p + (<usize>t << 2)))));
    for (let t = 16; t < 64; t++) {
      const x = unchecked(w[t - 15]);
      const y = unchecked(w[t - 2]);
      const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
      const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
      unchecked((w[t] = unchecked(w[t - 16]) + s0 + unchecked(w[t - 7]) + s1));
    }
    const h = this.h;
    let a = unchecked(h[0]), b = unchecked(h[1]), c = unchecked(h[2]), d = unchecked(h[3]);
    let e = unchecked(h[4]), f = unchecked(h[5]), g = unchecked(h[6]), hh = unchecked(h[7]);
    for (let t = 0; t < 64; t++) {
      const t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + unchecked(K[t]) + unchecked(w[t]);
      const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    unchecked((h[0] += a));
    unchecked((h[1] += b));
    unchecked((h[2] += c));
    unchecked((h[3] += d));
    unchecked((h[4] += e));
    unchecked((h[5] += f));
    unchecked((h[6] += g));
    unchecked((h[7] += hh));
  }
}

/** SHA-256 of `len` bytes at `ptr` (e.g. a JWS signing input inside a larger buffer). */
export function sha256At(ptr: usize, len: i32): ArrayBuffer {
  const ctx = new Sha256();
  ctx.updateAt(ptr, len);
  return ctx.finish();
}

export function sha256(data: ArrayBuffer): ArrayBuffer {
  return sha256At(changetype<usize>(data), data.byteLength);
}
