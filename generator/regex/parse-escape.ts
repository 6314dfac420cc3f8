// Escapes and bracket classes of RE2 syntax.
import { MAX_CHAR, type Range } from "./ast.ts";
import { foldRanges } from "./casefold.ts";
import { perlClass, posixClass, unicodeClass } from "./classes.ts";
import type { Flags, Parser } from "./parse.ts";
import { negateRanges, normalizeRanges } from "./ranges.ts";

const SIMPLE: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };

/** Parses what follows a backslash (already consumed) into a set of code points. */
export function parseEscape(p: Parser, start: number, inClass: boolean): Range[] {
  const c = p.next();
  if (c in SIMPLE) return single(SIMPLE[c]);
  const perl = perlClass(c);
  if (perl) return perl;
  if (c === "p" || c === "P") return unicodeEscape(p, c === "P", start);
  if (c === "x") return single(hexEscape(p, start));
  if (c === "0") return single(octal(p, 0));
  if (c >= "1" && c <= "7" && /^[0-7]/.test(p.src.slice(p.pos))) return single(octal(p, Number(c)));
  if (c >= "1" && c <= "9") p.fail(`backreferences are not supported by RE2: \\${c}`, start);
  if (c === "k") p.fail("backreferences are not supported by RE2: \\k", start);
  if (c === "Z") p.fail("\\Z is not supported by RE2 (use \\z)", start);
  if ((c === "A" || c === "z" || c === "b" || c === "B" || c === "C" || c === "Q") && inClass) {
    p.fail(`invalid escape inside a character class: \\${c}`, start);
  }
  const cp = c.codePointAt(0)!;
  if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) return single(cp); // escaped punctuation
  return p.fail(`invalid escape sequence: \\${c}`, start);
}

function single(cp: number): Range[] {
  return [[cp, cp]];
}

function octal(p: Parser, first: number): number {
  const start = p.pos;
  let value = first;
  for (let k = 0; k < 2 && /^[0-7]/.test(p.src.slice(p.pos)); k++) value = value * 8 + Number(p.next());
  if (value > MAX_CHAR) p.fail("invalid octal escape: beyond \\377", start);
  return value;
}

function hexEscape(p: Parser, start: number): number {
  const braced = /^\{([0-9A-Fa-f]{1,8})\}/.exec(p.src.slice(p.pos));
  const plain = /^[0-9A-Fa-f]{2}/.exec(p.src.slice(p.pos));
  const m = braced ?? plain;
  if (!m) return p.fail("invalid \\x escape", start);
  const value = parseInt(braced ? braced[1] : m[0], 16);
  if (value > MAX_CHAR) p.fail("invalid \\x escape: beyond \\xFF (Envoy's RE2 runs in Latin-1 mode: one character per byte)", start);
  p.pos += m[0].length;
  return value;
}

function unicodeEscape(p: Parser, negated: boolean, start: number): Range[] {
  let name: string;
  if (p.eat("{")) {
    const end = p.src.indexOf("}", p.pos);
    if (end < 0) p.fail("missing '}' in Unicode class", start);
    name = p.src.slice(p.pos, end);
    p.pos = end + 1;
  } else name = p.next();
  if (name.startsWith("^")) {
    negated = !negated;
    name = name.slice(1);
  }
  const ranges = unicodeClass(name);
  if (!ranges) return p.fail(`unknown Unicode class: ${name}`, start);
  return negated ? negateRanges(ranges) : ranges;
}

/** Parses a bracket class; the `[` is already consumed. Folds case before negating, like RE2. */
export function parseClass(p: Parser, flags: Flags, start: number): Range[] {
  const negated = p.eat("^");
  const parts: Range[] = [];
  let first = true;
  for (;;) {
    if (p.peek() === undefined) p.fail("missing closing ]", start);
    if (p.peek() === "]" && !first) break;
    first = false;
    const posix = /^\[:(\^?[a-z]+):\]/.exec(p.src.slice(p.pos));
    if (posix) {
      const ranges = posixClass(posix[1]);
      if (!ranges) p.fail(`invalid character class range: ${posix[0]}`, p.pos);
      parts.push(...ranges);
      p.pos += posix[0].length;
      continue;
    }
    const itemStart = p.pos;
    const lo = classAtom(p);
    if (p.peek() === "-" && p.peek(1) !== "]" && p.peek(1) !== undefined) {
      p.next();
      const hi = classAtom(p);
      if (lo.length !== 1 || hi.length !== 1 || lo[0][0] !== lo[0][1] || hi[0][0] !== hi[0][1]) {
        p.fail("invalid character class range", itemStart);
      }
      if (hi[0][0] < lo[0][0]) p.fail(`invalid character class range: ${p.src.slice(itemStart, p.pos)}`, itemStart);
      parts.push([lo[0][0], hi[0][0]]);
    } else parts.push(...lo);
  }
  p.next(); // ]
  let ranges = normalizeRanges(parts);
  if (flags.ignoreCase) ranges = foldRanges(ranges);
  // RE2 removes \n from negated classes only with the (?s)-less "never match newline" option,
  // which Envoy does not set: [^a] matches \n.
  return negated ? negateRanges(ranges) : ranges;
}

function classAtom(p: Parser): Range[] {
  const start = p.pos;
  const c = p.next();
  if (c === "\\") return parseEscape(p, start, true);
  const cp = c.codePointAt(0)!;
  return single(cp);
}
