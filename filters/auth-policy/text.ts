// Small string helpers for on_configure, in place of String#split and #replaceAll: the standard
// library's versions are general (any separator, any replacement) and cost about a kilobyte of
// the module; these need single characters only.

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
