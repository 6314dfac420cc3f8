// Path patterns: Istio's string patterns plus Envoy URI templates. `{*}` is exactly one
// non-empty segment; `{**}` is zero or more characters, '/' included, and must be the last
// operator. A template segment holds nothing but its operator, and `*`, `{`, `}` may not appear
// outside one. Any byte other than '/' counts as segment content ('*' too: CVE-2025-46821).
import { item, sameBytes } from "./item";
import { Pattern, PatternKind, decodePattern } from "./pattern";
import { splitAt } from "../text";
import { encodeUtf8 } from "../../common/encoding/utf8";

enum Token { Literal, One, Many }

const NO_PREFIX = new ArrayBuffer(0);

export class PathPattern {
  constructor(
    /** Set for plain patterns; null for templates. */
    readonly plain: Pattern | null,
    readonly tokens: Token[],
    readonly literals: ArrayBuffer[],
  ) {}

  matchesAt(ptr: usize, len: usize): bool {
    const plain = this.plain;
    if (plain !== null) return plain.matchesAt(ptr, len);
    let pos: usize = 0;
    for (let i = 0; i < this.tokens.length; i++) {
      const t = item(this.tokens, i);
      if (t == Token.Literal) {
        const lit = item(this.literals, i);
        const n = <usize>lit.byteLength;
        if (pos + n > len || !sameBytes(ptr + pos, changetype<usize>(lit), n)) return false;
        pos += n;
      } else if (t == Token.One) {
        const start = pos;
        while (pos < len && load<u8>(ptr + pos) != 0x2f) pos++;
        if (pos == start) return false;
      } else {
        return this.tailMatches(i + 1, ptr, pos, len);
      }
    }
    return pos == len;
  }

  /** The bytes every path this pattern matches starts with (empty when there are none). */
  requiredPrefix(): ArrayBuffer {
    const plain = this.plain;
    if (plain !== null) return plain.kind == PatternKind.Exact || plain.kind == PatternKind.Prefix ? plain.value : NO_PREFIX;
    return this.tokens.length > 0 && this.tokens[0] == Token.Literal ? this.literals[0] : NO_PREFIX;
  }

  /** After `{**}`: only literals follow; they must end the path, at or after `pos`. */
  private tailMatches(from: i32, ptr: usize, pos: usize, len: usize): bool {
    let tail: usize = 0;
    for (let i = from; i < this.literals.length; i++) tail += <usize>unchecked(this.literals[i]).byteLength;
    if (pos + tail > len) return false;
    let at = len - tail;
    for (let i = from; i < this.literals.length; i++) {
      const lit = unchecked(this.literals[i]);
      const n = <usize>lit.byteLength;
      if (memory.compare(ptr + at, changetype<usize>(lit), n) != 0) return false;
      at += n;
    }
    return true;
  }
}

/** Decodes a path pattern; null when invalid (a malformed template is an error, not a literal). */
export function decodePathPattern(s: string): PathPattern | null {
  if (!s.includes("{") && !s.includes("}")) {
    const p = decodePattern(s);
    return p === null ? null : new PathPattern(p, [], []);
  }
  if (!s.startsWith("/")) return null;
  const tokens = new Array<Token>();
  const literals = new Array<ArrayBuffer>();
  const segments = splitAt(s, "/");
  let sawMany = false;
  let literal = "";
  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i];
    literal += "/";
    if (seg == "{*}" || seg == "{**}") {
      if (sawMany) return null;
      pushLiteral(tokens, literals, literal);
      literal = "";
      tokens.push(seg == "{*}" ? Token.One : Token.Many);
      literals.push(new ArrayBuffer(0));
      if (seg == "{**}") sawMany = true;
    } else {
      if (seg.includes("*") || seg.includes("{") || seg.includes("}")) return null;
      literal += seg;
    }
  }
  pushLiteral(tokens, literals, literal);
  return new PathPattern(null, tokens, literals);
}

function pushLiteral(tokens: Token[], literals: ArrayBuffer[], s: string): void {
  if (s.length == 0) return;
  tokens.push(Token.Literal);
  literals.push(encodeUtf8(s));
}

export function anyPathMatches(patterns: PathPattern[], ptr: usize, len: usize): bool {
  for (let i = 0; i < patterns.length; i++) {
    if (item(patterns, i).matchesAt(ptr, len)) return true;
  }
  return false;
}
