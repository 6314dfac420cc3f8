// The path as Envoy and route-match judge it: a TypeScript twin of filters/common/path/normalize.ts
// (Envoy 1.40 with normalize_path + merge_slashes, as the generated connection manager sets them),
// so `explain` routes `/docs/../health` or `//x` like the sidecar does. Works on Latin-1 bytes.

export type PathVerdict = "ok" | "escaped-slash" | "invalid" | "ambiguous";

export interface NormalizedPath {
  verdict: PathVerdict;
  /** The normalized path (without the query); meaningful for "ok" and "ambiguous". */
  path: string;
}

const SLASH = 0x2f, BACKSLASH = 0x5c, DOT = 0x2e, PERCENT = 0x25, SEMI = 0x3b;
const ESCAPE_RAW = new Set([0x20, 0x22, 0x23, 0x25, 0x3c, 0x3e, 0x3f, 0x5c, 0x5e, 0x60, 0x7b, 0x7c, 0x7d]);

/** Raw bytes Envoy writes as %XX. */
const mustEscape = (c: number) => c < 0x20 || c >= 0x7f || ESCAPE_RAW.has(c);
/** RFC 3986 unreserved: decoded when they arrive as %XX. */
const unreserved = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e;
const hexValue = (c: number) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x61 + 10 : -1);
const hexDigit = (v: number) => (v < 10 ? 0x30 + v : 0x41 + v - 10);
const isSlash = (c: number) => c === SLASH || c === BACKSLASH;

export function normalizePath(raw: string): NormalizedPath {
  const bytes = [...Buffer.from(raw, "latin1")];
  const q = bytes.indexOf(0x3f);
  const src = q < 0 ? bytes : bytes.slice(0, q);
  if (bytes.includes(0x23) || src[0] !== SLASH) return { verdict: "invalid", path: raw };
  let escapedSlash = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c <= 0x20 || c >= 0x7f) return { verdict: "invalid", path: raw };
    if (c === PERCENT && i + 2 < src.length && ((src[i + 1] === 0x32 && (src[i + 2] | 0x20) === 0x66) || (src[i + 1] === 0x35 && (src[i + 2] | 0x20) === 0x63))) escapedSlash = true;
  }
  const stripped = stripDotSegmentParams(src);
  const out = canonicalize(stripped.bytes);
  if (!out) return { verdict: "invalid", path: raw };
  const merged = out.filter((c, i) => !(c === SLASH && i > 0 && out[i - 1] === SLASH));
  const path = Buffer.from(merged).toString("latin1");
  if (escapedSlash) return { verdict: "escaped-slash", path };
  return { verdict: stripped.found || /\/\.\.?;/.test(path) ? "ambiguous" : "ok", path };
}

/** `.;…` / `..;…` segments become `.` / `..` (Envoy does this even without normalize_path). */
function stripDotSegmentParams(src: number[]): { bytes: number[]; found: boolean } {
  const dst: number[] = [];
  let found = false;
  for (let i = 0; i < src.length;) {
    const c = src[i++];
    dst.push(c);
    if (c !== SLASH) continue;
    let dots = 0;
    while (dots < 2 && src[i + dots] === DOT) dots++;
    if (dots > 0 && src[i + dots] === SEMI) {
      for (let k = 0; k < dots; k++) dst.push(DOT);
      i += dots;
      while (i < src.length && src[i] !== SLASH) i++;
      found = true;
    }
  }
  return { bytes: dst, found };
}

/** Length of a dot at `i`: 1 for '.', 3 for %2e in any case, else 0. */
function dotLength(src: number[], i: number): number {
  if (src[i] === DOT) return 1;
  return src[i] === PERCENT && i + 2 < src.length && src[i + 1] === 0x32 && (src[i + 2] | 0x20) === 0x65 ? 3 : 0;
}

function escapeAt(buf: number[], i: number, end: number): number {
  if (i + 2 >= end) return -1;
  const hi = hexValue(buf[i + 1]), lo = hexValue(buf[i + 2]);
  return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
}

/** Chromium-style canonicalization as Envoy does it; null when the path holds NUL or %00. */
function canonicalize(src: number[]): number[] | null {
  const end = src.length;
  const out: number[] = [];
  let ok = true;
  let lastInvalidPercent = -Infinity;
  for (let i = 0; i < end; i++) {
    const c = src[i];
    const dotLen = dotLength(src, i);
    if (dotLen > 0) {
      if (out.length === 0 || out[out.length - 1] !== SLASH) {
        out.push(DOT);
        i += dotLen - 1;
        continue;
      }
      const after = i + dotLen;
      let consumed = 0, kind: "name" | "current" | "up" = "name";
      if (after === end) kind = "current";
      else if (isSlash(src[after])) { kind = "current"; consumed = 1; }
      else {
        const second = dotLength(src, after);
        if (second > 0 && after + second === end) { kind = "up"; consumed = second; }
        else if (second > 0 && isSlash(src[after + second])) { kind = "up"; consumed = second + 1; }
      }
      if (kind === "name") {
        out.push(DOT);
        i += dotLen - 1;
      } else {
        if (kind === "up") backUpToPreviousSlash(out);
        i += dotLen + consumed - 1;
      }
    } else if (c === BACKSLASH) {
      out.push(SLASH);
    } else if (c === PERCENT) {
      const v = escapeAt(src, i, end);
      if (v < 0) {
        lastInvalidPercent = out.length;
        out.push(PERCENT);
        continue;
      }
      i += 2;
      if (unreserved(v)) {
        out.push(v);
        if (lastInvalidPercent >= out.length - 3) fixNestedEscape(src, i + 1, end, lastInvalidPercent, out);
      } else {
        out.push(PERCENT, src[i - 1], src[i]);
        if (v === 0) ok = false;
      }
    } else if (c === 0) {
      ok = false;
    } else if (mustEscape(c)) {
      out.push(PERCENT, hexDigit(c >> 4), hexDigit(c & 15));
    } else {
      out.push(c);
    }
  }
  return ok ? out : null;
}

/** Drops the last segment: the output ends in '/' and keeps its first '/'. */
function backUpToPreviousSlash(out: number[]): void {
  let i = out.length - 1;
  if (i <= 0) return;
  i--;
  while (i > 0 && out[i] !== SLASH) i--;
  out.length = i + 1;
}

// An invalid '%' that, once an escape after it is decoded, would read as a new escape
// ("%%30%30" → "%00") is written "%25", as Envoy does.
function fixNestedEscape(src: number[], next: number, end: number, percentAt: number, out: number[]): void {
  const length = out.length;
  const lastDecoded = out[length - 1];
  const appendNext = percentAt === length - 2;
  if (appendNext) {
    if (next === end || src[next] >= 0x80) return;
    out.push(src[next]);
  }
  if (escapeAt(out, percentAt, out.length) >= 0) {
    if (!appendNext) out.push(out[percentAt + 1]);
    out[percentAt + 1] = 0x32;
    out[percentAt + 2] = 0x35;
    out.push(lastDecoded);
  } else if (appendNext) {
    out.length = length;
  }
}
