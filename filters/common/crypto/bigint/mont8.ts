// 8-limb Montgomery multiplication for the curves (P-256, edwards25519): CIOS (Koç, Acar,
// Kaliski 1996), one row of a*b[i] and one of m*n per limb of b, with the accumulator in locals.
// It replaced generated straight-line product scanning (6 KB of code with the squaring) for the
// module size: a row is 8 multiply-adds, so the code is under a kilobyte. Squares use it too.
// Each step is t + x*y + carry < 2^64 (all three below 2^32). Variable time: public data only.

/** out = a*b/R mod n, R = 2^256, for a, b < n (out may alias a or b). */
export function montMul8(out: usize, a: usize, b: usize, np: usize, nInv: u32): void {
  const n0 = <u64>load<u32>(np, 0);
  const n1 = <u64>load<u32>(np, 4);
  const n2 = <u64>load<u32>(np, 8);
  const n3 = <u64>load<u32>(np, 12);
  const n4 = <u64>load<u32>(np, 16);
  const n5 = <u64>load<u32>(np, 20);
  const n6 = <u64>load<u32>(np, 24);
  const n7 = <u64>load<u32>(np, 28);
  let t0: u64 = 0, t1: u64 = 0, t2: u64 = 0, t3: u64 = 0, t4: u64 = 0, t5: u64 = 0, t6: u64 = 0, t7: u64 = 0, t8: u64 = 0;
  for (let i: usize = 0; i < 32; i += 4) {
    const bi = <u64>load<u32>(b + i);
    let c: u64;
    // t += a * b[i]
    c = t0 + <u64>load<u32>(a) * bi; t0 = c & 0xffffffff;
    c = t1 + <u64>load<u32>(a, 4) * bi + (c >> 32); t1 = c & 0xffffffff;
    c = t2 + <u64>load<u32>(a, 8) * bi + (c >> 32); t2 = c & 0xffffffff;
    c = t3 + <u64>load<u32>(a, 12) * bi + (c >> 32); t3 = c & 0xffffffff;
    c = t4 + <u64>load<u32>(a, 16) * bi + (c >> 32); t4 = c & 0xffffffff;
    c = t5 + <u64>load<u32>(a, 20) * bi + (c >> 32); t5 = c & 0xffffffff;
    c = t6 + <u64>load<u32>(a, 24) * bi + (c >> 32); t6 = c & 0xffffffff;
    c = t7 + <u64>load<u32>(a, 28) * bi + (c >> 32); t7 = c & 0xffffffff;
    c = t8 + (c >> 32); t8 = c & 0xffffffff;
    const t9 = c >> 32;
    // t = (t + m * n) / 2^32, with m making the low limb zero
    const m = <u64>(<u32>t0 * nInv);
    c = t0 + m * n0;
    c = t1 + m * n1 + (c >> 32); t0 = c & 0xffffffff;
    c = t2 + m * n2 + (c >> 32); t1 = c & 0xffffffff;
    c = t3 + m * n3 + (c >> 32); t2 = c & 0xffffffff;
    c = t4 + m * n4 + (c >> 32); t3 = c & 0xffffffff;
    c = t5 + m * n5 + (c >> 32); t4 = c & 0xffffffff;
    c = t6 + m * n6 + (c >> 32); t5 = c & 0xffffffff;
    c = t7 + m * n7 + (c >> 32); t6 = c & 0xffffffff;
    c = t8 + (c >> 32); t7 = c & 0xffffffff;
    t8 = t9 + (c >> 32);
  }
  // t < 2n: subtract n once when t >= n (t8 is the ninth limb).
  let ge = t8 != 0;
  if (!ge) {
    ge = true;
    if (t7 != n7) ge = t7 > n7;
    else if (t6 != n6) ge = t6 > n6;
    else if (t5 != n5) ge = t5 > n5;
    else if (t4 != n4) ge = t4 > n4;
    else if (t3 != n3) ge = t3 > n3;
    else if (t2 != n2) ge = t2 > n2;
    else if (t1 != n1) ge = t1 > n1;
    else if (t0 != n0) ge = t0 > n0;
  }
  if (ge) {
    let d: i64 = <i64>t0 - <i64>n0; t0 = <u64>d & 0xffffffff;
    d = <i64>t1 - <i64>n1 + (d >> 32); t1 = <u64>d & 0xffffffff;
    d = <i64>t2 - <i64>n2 + (d >> 32); t2 = <u64>d & 0xffffffff;
    d = <i64>t3 - <i64>n3 + (d >> 32); t3 = <u64>d & 0xffffffff;
    d = <i64>t4 - <i64>n4 + (d >> 32); t4 = <u64>d & 0xffffffff;
    d = <i64>t5 - <i64>n5 + (d >> 32); t5 = <u64>d & 0xffffffff;
    d = <i64>t6 - <i64>n6 + (d >> 32); t6 = <u64>d & 0xffffffff;
    d = <i64>t7 - <i64>n7 + (d >> 32); t7 = <u64>d & 0xffffffff;
  }
  store<u32>(out, <u32>t0, 0);
  store<u32>(out, <u32>t1, 4);
  store<u32>(out, <u32>t2, 8);
  store<u32>(out, <u32>t3, 12);
  store<u32>(out, <u32>t4, 16);
  store<u32>(out, <u32>t5, 20);
  store<u32>(out, <u32>t6, 24);
  store<u32>(out, <u32>t7, 28);
}
