// Which records are kept. Filters (status, duration, header presence) are absolute: a record
// outside them is never written. Among the rest, errors and slow requests are always kept when
// configured, and the others are sampled by a hash of x-request-id, so every proxy a request
// passes through makes the same choice for it.
import { HeaderIndex } from "../record/header-index";
import { fnv1a32 } from "../../common/hash";

/** Response flags that mean a local failure (all core flags but DI and RFCF, which are not). */
const FAILURE_FLAGS: u64 = ((<u64>1 << 30) - 1) & ~(<u64>1 << 9) & ~(<u64>1 << 20);

export class SamplingPolicy {
  constructor(
    /** Kept per 10,000 requests (percent × 100). */
    readonly perTenThousand: u32,
    readonly keepErrors: bool,
    /** Always keep requests at least this slow; -1 when not configured. */
    readonly slowNanos: i64,
  ) {}
}

export class RecordFilter {
  constructor(
    readonly statusMin: i64,
    readonly statusMax: i64,
    readonly durationMinNanos: i64,
    readonly headerPresent: ArrayBuffer[],
  ) {}

  matches(code: i64, durationNanos: i64, request: HeaderIndex): bool {
    if (code < this.statusMin || code > this.statusMax) return false;
    if (durationNanos < this.durationMinNanos) return false;
    for (let i = 0; i < this.headerPresent.length; i++) {
      if (!request.has(unchecked(this.headerPresent[i]))) return false;
    }
    return true;
  }
}

/** A 5xx, no response at all (code 0), or a local failure flag. */
export function isError(code: i64, flags: u64): bool {
  return code >= 500 || code <= 0 || (flags & FAILURE_FLAGS) != 0;
}

/** FNV-1a (32 bits) of the request id, in [0, 10000). */
export function sampleBucket(ptr: usize, len: usize): u32 {
  return fnv1a32(ptr, len) % 10000;
}

/** Whether a record that passed the filters is kept whatever its request id: all are, or it is an error or slow. */
export function keptAlways(p: SamplingPolicy, code: i64, flags: u64, durationNanos: i64): bool {
  if (p.perTenThousand >= 10000) return true;
  if (p.keepErrors && isError(code, flags)) return true;
  return p.slowNanos >= 0 && durationNanos >= p.slowNanos;
}

/** The draw by request id for the others. No request id (`idLen` < 0): sampled by `fallback`. */
export function keptBySample(p: SamplingPolicy, idPtr: usize, idLen: i32, fallback: u32): bool {
  const bucket = idLen < 0 ? fallback % 10000 : sampleBucket(idPtr, <usize>idLen);
  return bucket < p.perTenThousand;
}

/** Whether a record that passed the filters is kept. No request id (`idLen` < 0): sampled by `fallback`. */
export function keep(p: SamplingPolicy, code: i64, flags: u64, durationNanos: i64,
  idPtr: usize, idLen: i32, fallback: u32): bool {
  return keptAlways(p, code, flags, durationNanos) || keptBySample(p, idPtr, idLen, fallback);
}
