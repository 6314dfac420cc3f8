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

// Slots, not a Map: the ring of at most `capacity` entries is searched in place (a Map's hashing,
// rehashing and deletion came to about 0.7 KB of the module).
export class TokenCache {
  private keys: StaticArray<u64>;
  private entries: StaticArray<VerifiedToken | null>;
  private next: i32 = 0;
  private filled: i32 = 0;
  private count: i32 = 0;
  /** The slot of the entry found last, or -1. */
  private lastSlot: i32 = -1;

  constructor(readonly capacity: i32 = 256) {
    this.keys = new StaticArray<u64>(max(capacity, 0));
    this.entries = new StaticArray<VerifiedToken | null>(max(capacity, 0));
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

  get size(): i32 { return this.count; }

  /** The cached entry for this token and provider if still valid at `now` (with `skew`). */
  get(token: ArrayBuffer, provider: i32, now: i64, skew: i64): VerifiedToken | null {
    return this.getAt(changetype<usize>(token), <usize>token.byteLength, provider, now, skew);
  }

  /** As `get`, for the token bytes at [ptr, ptr+len) (in the request, not copied). */
  getAt(ptr: usize, len: usize, provider: i32, now: i64, skew: i64): VerifiedToken | null {
    const key = TokenCache.keyOf(ptr, len);
    let slot = this.lastSlot;
    if (slot < 0 || unchecked(this.keys[slot]) != key) {
      slot = this.slotOf(key);
      if (slot < 0) return null;
      this.lastSlot = slot;
    }
    const e = unchecked(this.entries[slot])!;
    if (e.provider != provider || !constantTimeEqualAt(ptr, len, e.token)) return null;
    if (now > e.exp + skew || (e.nbf >= 0 && now + skew < e.nbf)) {
      this.drop(slot);
      return null;
    }
    return e;
  }

  put(e: VerifiedToken): void {
    if (this.capacity <= 0) return;
    const key = TokenCache.keyOf(changetype<usize>(e.token), <usize>e.token.byteLength);
    let slot = this.slotOf(key);
    if (slot < 0) {
      // The ring holds entries in insertion order; the slot about to be reused is the oldest.
      slot = this.next;
      if (unchecked(this.entries[slot]) !== null) this.drop(slot);
      unchecked(this.keys[slot] = key);
      this.next = (slot + 1) % this.capacity;
      if (this.filled < this.capacity) this.filled++;
      this.count++;
    }
    unchecked(this.entries[slot] = e);
  }

  /** The slot holding an entry under `key`, or -1. */
  private slotOf(key: u64): i32 {
    for (let i = 0; i < this.filled; i++) {
      if (unchecked(this.keys[i]) == key && unchecked(this.entries[i]) !== null) return i;
    }
    return -1;
  }

  private drop(slot: i32): void {
    unchecked(this.entries[slot] = null);
    this.count--;
    this.lastSlot = -1;
  }
}
