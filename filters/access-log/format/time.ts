// Envoy's default %START_TIME% shape: 2026-11-25T06:44:41.123Z (UTC, milliseconds).
import { ByteWriter } from "./writer";

/** Writes a Unix time in nanoseconds as an RFC 3339 UTC timestamp with milliseconds. */
export function writeTimestamp(w: ByteWriter, unixNanos: i64): void {
  const ms = unixNanos / 1_000_000;
  let days = ms / 86_400_000;
  let msOfDay = ms % 86_400_000;
  if (msOfDay < 0) { msOfDay += 86_400_000; days--; }
  // Civil date from days since 1970-01-01 (proleptic Gregorian, era-based).
  const z = days + 719468;
  const era = (z >= 0 ? z : z - 146096) / 146097;
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  const day = doy - (153 * mp + 2) / 5 + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  w.padded(<u32>year, 4); w.byte(0x2d);
  w.padded(<u32>month, 2); w.byte(0x2d);
  w.padded(<u32>day, 2); w.byte(0x54);
  const secs = <u32>(msOfDay / 1000);
  w.padded(secs / 3600, 2); w.byte(0x3a);
  w.padded((secs / 60) % 60, 2); w.byte(0x3a);
  w.padded(secs % 60, 2); w.byte(0x2e);
  w.padded(<u32>(msOfDay % 1000), 3); w.byte(0x5a);
}
