// Named character classes of RE2: Perl (\d \s \w), POSIX ([:alpha:]) and Unicode (\pL, \p{Greek}).
import { JS } from "refa";
import { MAX_CHAR, type Range } from "./ast.ts";
import { clampRanges, negateRanges, rangesFromString } from "./ranges.ts";

// RE2's Perl classes are ASCII-only, and \s does not include \v.
const PERL: Record<string, string> = { d: "0-9", s: "\t\n\f\r ", w: "0-9A-Za-z_" };

const POSIX: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\x00-\x7f",
  blank: "\t ",
  cntrl: "\x00-\x1f\x7f",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-/:-@[-`{-~",
  space: "\t\n\v\f\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

/** `\d`, `\D`, … ; undefined when `letter` is not a Perl class. */
export function perlClass(letter: string): Range[] | undefined {
  const spec = PERL[letter.toLowerCase()];
  if (spec === undefined) return undefined;
  const ranges = rangesFromString(spec);
  return letter === letter.toUpperCase() ? negateRanges(ranges) : ranges;
}

/** `alpha` or `^alpha` (negated); undefined when the name is not a POSIX class. */
export function posixClass(name: string): Range[] | undefined {
  const negated = name.startsWith("^");
  const spec = POSIX[negated ? name.slice(1) : name];
  if (spec === undefined) return undefined;
  const ranges = rangesFromString(spec);
  return negated ? negateRanges(ranges) : ranges;
}

const unicodeCache = new Map<string, Range[] | undefined>();

/** A Unicode general category (`L`, `Lu`), a script (`Greek`) or `Any`, limited to Latin-1 as
 *  in RE2's Latin-1 mode; undefined when unknown. */
export function unicodeClass(name: string): Range[] | undefined {
  if (name === "Any") return [[0, MAX_CHAR]];
  if (!unicodeCache.has(name)) unicodeCache.set(name, lookUpUnicode(name));
  return unicodeCache.get(name);
}

function lookUpUnicode(name: string): Range[] | undefined {
  if (!/^[A-Za-z_]+$/.test(name)) return undefined;
  // Categories are one or two letters (L, Nd); everything else RE2 accepts is a script name.
  const property = /^[A-Z][a-z]?$/.test(name) ? name : `Script=${name}`;
  try {
    const { expression } = JS.Parser.fromLiteral({ source: `\\p{${property}}`, flags: "u" }).parse();
    const element = expression.alternatives[0]?.elements[0];
    if (element?.type !== "CharacterClass") return undefined;
    return clampRanges(element.characters.ranges.map((r) => [r.min, r.max] as Range));
  } catch {
    return undefined;
  }
}
