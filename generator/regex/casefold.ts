// Case folding for (?i) as Envoy's RE2 (Latin-1 mode) applies it, verified on Envoy 1.40: ASCII
// letters only ((?i)\x{e9} does not match \x{c9}, (?i)k does not match the Kelvin sign's bytes).
import type { Range } from "./ast.ts";
import { normalizeRanges } from "./ranges.ts";

/** Adds the other-case ASCII letters of those in `ranges`. */
export function foldRanges(ranges: readonly Range[]): Range[] {
  const extra: Range[] = [];
  for (const [lo, hi] of ranges) {
    for (const [from, to, delta] of [[0x41, 0x5a, 0x20], [0x61, 0x7a, -0x20]]) {
      const a = Math.max(lo, from), b = Math.min(hi, to);
      if (a <= b) extra.push([a + delta, b + delta]);
    }
  }
  return normalizeRanges([...ranges, ...extra]);
}
