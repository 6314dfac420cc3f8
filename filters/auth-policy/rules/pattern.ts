// Istio string patterns: exact, `prefix*`, `*suffix`, or `*` (present with any value). A `*`
// anywhere else is a config error, never a wildcard (CVE-2026-39350 came from such guessing).
import { item, sameBytes } from "./item";
import { encodeUtf8 } from "../../common/encoding/utf8";

export enum PatternKind { Exact, Prefix, Suffix, Any }

export class Pattern {
  constructor(readonly kind: PatternKind, readonly value: ArrayBuffer) {}

  /** Whether bytes [ptr, ptr+len) match. */
  matchesAt(ptr: usize, len: usize): bool {
    const want = <usize>this.value.byteLength;
    const v = changetype<usize>(this.value);
    switch (this.kind) {
      case PatternKind.Any: return true;
      case PatternKind.Exact: return len == want && sameBytes(ptr, v, len);
      case PatternKind.Prefix: return len >= want && sameBytes(ptr, v, want);
      default: return len >= want && sameBytes(ptr + len - want, v, want);
    }
  }

  matches(b: ArrayBuffer): bool {
    return this.matchesAt(changetype<usize>(b), <usize>b.byteLength);
  }
}

/** Decodes one pattern; `lower` folds it to ASCII lower case (for hosts). Null when invalid. */
export function decodePattern(s: string, lower: bool = false): Pattern | null {
  if (s.length == 0) return null;
  if (s == "*") return new Pattern(PatternKind.Any, new ArrayBuffer(0));
  let kind = PatternKind.Exact;
  let body = s;
  if (s.startsWith("*")) { kind = PatternKind.Suffix; body = s.substring(1); }
  else if (s.charCodeAt(s.length - 1) == 0x2a) { kind = PatternKind.Prefix; body = s.substring(0, s.length - 1); }
  if (body.includes("*")) return null;
  if (lower) body = asciiLower(body);
  return new Pattern(kind, encodeUtf8(body));
}

/** Decodes a list of patterns; null when any is invalid. */
export function decodePatterns(list: string[], lower: bool = false): Pattern[] | null {
  const out = new Array<Pattern>();
  for (let i = 0; i < list.length; i++) {
    const p = decodePattern(list[i], lower);
    if (p === null) return null;
    out.push(p);
  }
  return out;
}

export function anyMatchesAt(patterns: Pattern[], ptr: usize, len: usize): bool {
  for (let i = 0; i < patterns.length; i++) {
    if (item(patterns, i).matchesAt(ptr, len)) return true;
  }
  return false;
}

export function anyMatches(patterns: Pattern[], b: ArrayBuffer): bool {
  return anyMatchesAt(patterns, changetype<usize>(b), <usize>b.byteLength);
}

export function asciiLower(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
  }
  return out;
}
