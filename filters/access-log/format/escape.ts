// JSON string escaping over raw bytes. Header values are attacker-controlled and may hold any
// byte: quotes, backslashes and control characters (CR, LF, NUL, DEL…) are escaped, and bytes
// that are not well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above
// U+10FFFF) become U+FFFD, so a value can neither end its string nor break the line.
import { ByteWriter } from "./writer";

// "0123456789abcdef"
const HEX: usize = memory.data<u8>([0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66]);

@inline function isCont(b: u32): bool { return (b & 0xc0) == 0x80; }

/** Length of the well-formed UTF-8 sequence at p (lead byte b0 >= 0x80), or 0. */
function sequenceLength(p: usize, end: usize, b0: u32): i32 {
  if (b0 >= 0xc2 && b0 <= 0xdf) return p + 1 < end && isCont(load<u8>(p + 1)) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    if (p + 2 >= end) return 0;
    const b1: u32 = load<u8>(p + 1), b2: u32 = load<u8>(p + 2);
    if (!isCont(b1) || !isCont(b2)) return 0;
    if (b0 == 0xe0 && b1 < 0xa0) return 0;   // overlong
    if (b0 == 0xed && b1 >= 0xa0) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    if (p + 3 >= end) return 0;
    const b1: u32 = load<u8>(p + 1), b2: u32 = load<u8>(p + 2), b3: u32 = load<u8>(p + 3);
    if (!isCont(b1) || !isCont(b2) || !isCont(b3)) return 0;
    if (b0 == 0xf0 && b1 < 0x90) return 0;   // overlong
    if (b0 == 0xf4 && b1 >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

/** Writes the escape for ASCII byte c at `out`; returns the new end. */
@inline function escapeAscii(out: usize, c: u32): usize {
  store<u8>(out, 0x5c);
  if (c == 0x22 || c == 0x5c) { store<u8>(out + 1, <u8>c); return out + 2; }
  if (c == 0x0a) { store<u8>(out + 1, 0x6e); return out + 2; }
  if (c == 0x0d) { store<u8>(out + 1, 0x72); return out + 2; }
  if (c == 0x09) { store<u8>(out + 1, 0x74); return out + 2; }
  store<u8>(out + 1, 0x75); store<u8>(out + 2, 0x30); store<u8>(out + 3, 0x30);
  store<u8>(out + 4, load<u8>(HEX + (c >> 4)));
  store<u8>(out + 5, load<u8>(HEX + (c & 15)));
  return out + 6;
}

const ONES: u64 = 0x0101010101010101;
const HIGHS: u64 = 0x8080808080808080;

/**
 * Whether any byte of `x` needs escaping or UTF-8 checking: < 0x20, '"', '\\', 0x7f or >= 0x80.
 * A byte >= 0x80 shows in the high bits of `x` itself. Otherwise every byte is below 0x80 and each
 * other term sets the high bit of the lowest byte it looks for (< 0x20, 0x7f, '"', '\\'): a
 * borrow or carry only reaches bytes above one that matched, so nothing is missed.
 */
@inline function needsWork(x: u64): bool {
  return ((x | (x - 0x2020202020202020) | (x + ONES) | ((x ^ 0x2222222222222222) - ONES) |
    ((x ^ 0x5c5c5c5c5c5c5c5c) - ONES)) & HIGHS) != 0;
}

/** Writes bytes [ptr, ptr+len) as the inside of a JSON string (no surrounding quotes). */
export function writeEscaped(w: ByteWriter, ptr: usize, len: usize): void {
  // Worst case: every byte becomes a 6-byte \u00XX (U+FFFD takes 3 per byte).
  w.ensure(<i32>len * 6);
  const start = w.ptr;
  let out = start + w.len;
  const end = ptr + len;
  let p = ptr;
  while (p < end) {
    // Eight plain ASCII bytes at a time; any byte that needs work drops to the byte path.
    while (p + 8 <= end) {
      const x = load<u64>(p);
      if (needsWork(x)) break;
      store<u64>(out, x);
      p += 8; out += 8;
    }
    // The word that needed work, byte by byte (a UTF-8 sequence may run past it).
    const stop = p + 8 < end ? p + 8 : end;
    while (p < stop) {
      const c: u32 = load<u8>(p);
      if (c >= 0x20 && c < 0x7f && c != 0x22 && c != 0x5c) { store<u8>(out++, <u8>c); p++; continue; }
      if (c < 0x80) { out = escapeAscii(out, c); p++; continue; }
      const n = sequenceLength(p, end, c);
      if (n == 0) {
        store<u8>(out, 0xef); store<u8>(out + 1, 0xbf); store<u8>(out + 2, 0xbd);
        out += 3; p++;
        continue;
      }
      memory.copy(out, p, n);
      out += n; p += n;
    }
  }
  w.len = <i32>(out - start);
}

/** Whether [ptr, ptr+len) is printable ASCII without '"' or '\\' (what writeEscaped leaves as is). */
function isPlain(ptr: usize, len: usize): bool {
  const end = ptr + len;
  let p = ptr;
  while (p + 8 <= end) {
    if (needsWork(load<u64>(p))) return false;
    p += 8;
  }
  if (p == end) return true;
  // The rest of a value of 8 bytes or more: the word ending at `end` (overlapping checked bytes).
  if (len >= 8) return !needsWork(load<u64>(end - 8));
  while (p < end) {
    const c: u32 = load<u8>(p++);
    if (c < 0x20 || c >= 0x7f || c == 0x22 || c == 0x5c) return false;
  }
  return true;
}

/**
 * Escapes the raw bytes written to `w` since offset `from`, in place. Values are usually plain,
 * and then nothing moves: writers put a value straight into the line and pay for a copy (through
 * `scratch`) only when it needs escaping.
 */
export function escapeWritten(w: ByteWriter, scratch: ByteWriter, from: i32): void {
  const n = w.len - from;
  if (isPlain(w.ptr + from, n)) return;
  scratch.reset();
  scratch.raw(w.ptr + from, n);
  w.len = from;
  writeEscaped(w, scratch.ptr, n);
}
