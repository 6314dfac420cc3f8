// The filters' `abort` (asconfig.json "use": abort=…): what a failed standard-library check (an
// index out of range, an allocation too large) calls before the trap. wasi-shim's abort writes
// message, file, line and column to stderr; this one logs the message alone (Envoy shows the
// trap and the function), so the library's file names stay out of the module.
import { proxy_log } from "./imports";
import { LogLevel } from "./enums";
import { encodeUtf8 } from "../encoding/utf8";

export function abortFilter(message: string | null, fileName: string | null, line: u32, column: u32): void {
  if (message !== null) {
    const b = encodeUtf8(message);
    proxy_log(LogLevel.Critical, changetype<usize>(b), b.byteLength);
  }
  unreachable();
}
