// Small string helpers, in place of String#split, #replaceAll and i64#toString: the standard
// library's versions are general (any separator, any replacement, any radix) and cost about a
// kilobyte of the module; these need single characters and base 10 only.

/** `s` split at every `sep` character (as String#split with a one-character separator). */
export function splitAt(s: string, sep: string): string[] {
  const out = new Array<string>();
  let start = 0;
  for (let at = s.indexOf(sep); at >= 0; at = s.indexOf(sep, start)) {
    out.push(s.substring(start, at));
    start = at + 1;
  }
  out.push(s.substring(start));
  return out;
}

/** `s` with every `from` character replaced by `to` (which may be "", to drop them). */
export function replaceChar(s: string, from: string, to: string): string {
  let out = "";
  let start = 0;
  for (let at = s.indexOf(from); at >= 0; at = s.indexOf(from, start)) {
    out += s.substring(start, at) + to;
    start = at + 1;
  }
  return start == 0 ? s : out + s.substring(start);
}

/** `v` in decimal, as i64#toString gives it, without the library's formatting for any radix. */
export function decimal(v: i64): string {
  const digits = new StaticArray<u16>(20);
  let i = 20;
  let u = v < 0 ? <u64>(0 - v) : <u64>v;
  do {
    unchecked(digits[--i] = <u16>(0x30 + u % 10));
    u /= 10;
  } while (u != 0);
  if (v < 0) unchecked(digits[--i] = 0x2d);
  return String.UTF16.decodeUnsafe(changetype<usize>(digits) + (<usize>i << 1), <usize>(20 - i) << 1);
}
