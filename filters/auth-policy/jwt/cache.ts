// Verified tokens, keyed by a 64-bit FNV-1a-style hash of the token's length and last 32 bytes
// (the end of the signature, which differs between any two tokens an issuer signed; mixed as four
// u64 words, not 32 bytes one by one); the entry keeps
// the token and a hit needs equal bytes, so a hash collision can cost a miss but never hand one
// token another's identity. (Hashing every byte, or a cryptographic hash, would add time per
// request for nothing: the comparison is exact, and only verified tokens are ever inserted.)
// The comparison takes the same time however many leading bytes agree.
// Bounded: the oldest entry is dropped when full. An entry is only used while its token is
// still within exp/nbf. The entry found last is tried before the map: a client sends the same
// token request after request.
import { constantTimeEqualAt } from "../../common/crypto/compare";
import { JsonValue } from "../../common/json/value";
import { fnv1a64 } from "../../common/hash";

export class VerifiedToken {
  constructor(
    /** The token itself. */
    readonly token: ArrayBuffer,
    readonly provider: i32,
    readonly principal: ArrayBuffer,
    readonly claims: JsonValue,
    readonly claimValues: Array<ArrayBuffer | null>,
    readonly exp: i64,
    readonly nbf: i64,
  ) {}
}

export class TokenCache {
  private map: Map<u64, VerifiedToken> = new Map();
  private order: StaticArray<u64>;
  private next: i32 = 0;
  private filled: i32 = 0;
  private lastKey: u64 = 0;
  private last: VerifiedToken | null = null;

  constructor(readonly capacity: i32 = 256) {
    this.order = new StaticArray<u64>(capacity);
  }

  static keyOf(ptr: usize, len: usize): u64 {
    if (len < 32) return fnv1a64(ptr, len) ^ <u64>len;
    const p = ptr + len - 32;
    let h: u64 = 0xcbf29ce484222325;
    h = (h ^ load<u64>(p)) * 0x100000001b3;
    h = (h ^ load<u64>(p, 8)) * 0x100000001b3;
    h = (h ^ load<u64>(p, 16)) * 0x100000001b3;
    h = (h ^ load<u64>(p, 24)) * 0x100000001b3;
    return (h ^ (h >> 32)) ^ <u64>len;
  }

  get size(): i32 { return this.map.size; }

  /** The cached entry for this token and provider if still valid at `now` (with `skew`). */
  get(token: ArrayBuffer, provider: i32, now: i64, skew: i64): VerifiedToken | null {
    return this.getAt(changetype<usize>(token), <usize>token.byteLength, provider, now, skew);
  }

  /** As `get`, for the token bytes at [ptr, ptr+len) (in the request, not copied). */
  getAt(ptr: usize, len: usize, provider: i32, now: i64, skew: i64): VerifiedToken | null {
    const key = TokenCache.keyOf(ptr, len);
    let e = this.last;
    if (e === null || this.lastKey != key) {
      if (!this.map.has(key)) return null;
      e = this.map.get(key);
      this.last = e;
      this.lastKey = key;
    }
    if (e.provider != provider || !constantTimeEqualAt(ptr, len, e.token)) return null;
    if (now > e.exp + skew || (e.nbf >= 0 && now + skew < e.nbf)) {
      this.map.delete(key);
      this.last = null;
      return null;
    }
    return e;
  }

  put(e: VerifiedToken): void {
    if (this.capacity <= 0) return;
    this.last = null;
    const key = TokenCache.keyOf(changetype<usize>(e.token), <usize>e.token.byteLength);
    if (this.map.has(key)) { this.map.set(key, e); return; }
    // The ring holds keys in insertion order; the slot about to be reused is the oldest. A key
    // already deleted (expired) just leaves a stale slot, so the map never exceeds capacity.
    const old = unchecked(this.order[this.next]);
    if (this.filled > this.next && this.map.has(old)) this.map.delete(old);
    unchecked(this.order[this.next] = key);
    this.next = (this.next + 1) % this.capacity;
    if (this.filled < this.capacity) this.filled++;
    this.map.set(key, e);
  }
}
