// Which bytes :method and :authority may hold, tested against 128-bit masks (two u64 words: bit
// c of the pair is set when ASCII c is allowed) rather than a chain of range tests per byte:
// both run on every request.

// A-Z 0-9 - _
const METHOD_LO: u64 = 0x03ff200000000000;
const METHOD_HI: u64 = 0x0000000087fffffe;
// a-z A-Z 0-9 - . _ : [ ]
const AUTHORITY_LO: u64 = 0x07ff600000000000;
const AUTHORITY_HI: u64 = 0x07fffffeaffffffe;

@inline function allIn(p: usize, len: usize, lo: u64, hi: u64): bool {
  for (let i: usize = 0; i < len; i++) {
    const c = <u64>load<u8>(p + i);
    const word = c < 64 ? lo : c < 128 ? hi : 0;
    if (((word >> (c & 63)) & 1) == 0) return false;
  }
  return true;
}

/** Methods are case-sensitive (RFC 9110): a lower-case `delete` must not slip past a DENY on
 * DELETE to a backend that upper-cases it, so only A-Z, digits, '-' and '_' are judged (Istio: 400). */
export function canonicalMethod(p: usize, len: usize): bool {
  return len > 0 && allIn(p, len, METHOD_LO, METHOD_HI);
}

/** host[:port] with the characters hostnames and IP literals use. Anything else — a comma from
 * folded Host headers, userinfo '@', spaces — could name a different host to the backend. */
export function plainAuthority(p: usize, len: usize): bool {
  return len > 0 && len <= 1024 && allIn(p, len, AUTHORITY_LO, AUTHORITY_HI);
}
