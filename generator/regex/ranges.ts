// Operations on sorted, non-overlapping inclusive code-point ranges.
import { MAX_CHAR, type Range } from "./ast.ts";

export function normalizeRanges(input: readonly Range[]): Range[] {
  const sorted = [...input].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function negateRanges(input: readonly Range[], max = MAX_CHAR): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of normalizeRanges(input)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= max) out.push([next, max]);
  return out;
}

export function clampRanges(input: readonly Range[], max = MAX_CHAR): Range[] {
  return input.filter(([lo]) => lo <= max).map(([lo, hi]) => [lo, Math.min(hi, max)] as Range);
}

export function rangesFromString(spec: string): Range[] {
  const out: Range[] = [];
  for (let i = 0; i < spec.length; i++) {
    if (spec[i + 1] === "-" && i + 2 < spec.length) {
      out.push([spec.charCodeAt(i), spec.charCodeAt(i + 2)]);
      i += 2;
    } else out.push([spec.charCodeAt(i), spec.charCodeAt(i)]);
  }
  return normalizeRanges(out);
}
