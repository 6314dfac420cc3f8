// A parser for RE2 syntax (https://github.com/google/re2/wiki/Syntax) into RegexNode. Constructs
// RE2 does not have (backreferences, lookaround, atomic groups, possessive quantifiers) are errors.
import { EMPTY, MAX_CHAR, RegexError, type Range, type RegexNode } from "./ast.ts";
import { foldRanges } from "./casefold.ts";
import { parseClass, parseEscape } from "./parse-escape.ts";

export interface Flags {
  ignoreCase: boolean;
  multiLine: boolean;
  dotAll: boolean;
}

/** RE2's maximum repeat count. */
export const MAX_REPEAT = 1000;

export class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  fail(message: string, offset = this.pos): never {
    throw new RegexError(message, offset);
  }

  peek(ahead = 0): string | undefined {
    const cp = this.src.codePointAt(this.index(ahead));
    return cp === undefined ? undefined : String.fromCodePoint(cp);
  }

  private index(ahead: number): number {
    let i = this.pos;
    for (let k = 0; k < ahead && i < this.src.length; k++) i += this.src.codePointAt(i)! > 0xffff ? 2 : 1;
    return i;
  }

  next(): string {
    const c = this.peek();
    if (c === undefined) this.fail("unexpected end of expression");
    this.pos += c.length;
    return c;
  }

  eat(s: string): boolean {
    if (!this.src.startsWith(s, this.pos)) return false;
    this.pos += s.length;
    return true;
  }

  parseAll(flags: Flags): RegexNode {
    const node = this.alternation(flags);
    if (this.pos < this.src.length) this.fail("unmatched ')'");
    return node;
  }

  private alternation(flags: Flags): RegexNode {
    const alternatives = [this.concatenation(flags)];
    while (this.eat("|")) alternatives.push(this.concatenation(flags));
    return alternatives.length === 1 ? alternatives[0] : { kind: "alt", alternatives };
  }

  private concatenation(flags: Flags): RegexNode {
    const items: RegexNode[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === "|" || c === ")") break;
      if (c === "(" && this.flagGroup(flags)) continue;
      items.push(this.repetitions(this.atom(flags)));
    }
    return items.length === 1 ? items[0] : { kind: "concat", items };
  }

  /** `(?i)`-style flag changes apply to the rest of the current group. */
  private flagGroup(flags: Flags): boolean {
    const m = /^\(\?([imsU]*)(?:-([imsU]*))?\)/.exec(this.src.slice(this.pos));
    if (!m || m[0] === "(?)" || m[0] === "(?-)") return false;
    applyFlags(flags, m[1], m[2] ?? "");
    this.pos += m[0].length;
    return true;
  }

  private repetitions(atom: RegexNode): RegexNode {
    let node = atom;
    let repeated = false;
    for (;;) {
      const opStart = this.pos;
      const bounds = this.repeatOperator();
      if (!bounds) return node;
      if (repeated) this.fail(`bad repetition operator: ${this.src.slice(opStart, this.pos)} (RE2 has no possessive or stacked quantifiers)`, opStart);
      if (atom.kind === "begin" || atom.kind === "end") this.fail("missing argument to repetition operator", opStart);
      this.eat("?"); // lazy: the same language under full-match semantics
      if (this.peek() === "+") this.fail("possessive quantifiers are not supported by RE2", this.pos);
      node = { kind: "repeat", min: bounds[0], max: bounds[1], item: node };
      repeated = true;
    }
  }

  private repeatOperator(): [number, number] | undefined {
    if (this.eat("*")) return [0, Infinity];
    if (this.eat("+")) return [1, Infinity];
    if (this.eat("?")) return [0, 1];
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
    if (!m) return undefined; // RE2 reads a `{` that does not start a repeat as a literal
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) this.fail(`bad repetition operator: ${m[0]} (RE2 allows at most ${MAX_REPEAT})`);
    if (max < min) this.fail(`bad repetition operator: ${m[0]} (maximum below minimum)`);
    this.pos += m[0].length;
    return [min, max];
  }

  private atom(flags: Flags): RegexNode {
    const start = this.pos;
    const c = this.next();
    switch (c) {
      case "(":
        return this.group(flags, start);
      case "[":
        return chars(parseClass(this, flags, start), flags);
      case ".":
        return { kind: "chars", ranges: flags.dotAll ? [[0, MAX_CHAR]] : [[0, 9], [11, MAX_CHAR]] };
      case "^":
        return { kind: "begin", offset: start };
      case "$":
        return { kind: "end", offset: start };
      case "*":
      case "+":
      case "?":
        return this.fail(`missing argument to repetition operator: ${c}`, start);
      case "\\":
        return this.escape(flags, start);
      default: {
        if (c === "{" && /^\d+(,\d*)?\}/.test(this.src.slice(this.pos))) this.fail("missing argument to repetition operator", start);
        const cp = c.codePointAt(0)!;
        return chars([[cp, cp]], flags);
      }
    }
  }

  private escape(flags: Flags, start: number): RegexNode {
    if (this.eat("Q")) {
      const end = this.src.indexOf("\\E", this.pos);
      const text = this.src.slice(this.pos, end < 0 ? undefined : end);
      this.pos = end < 0 ? this.src.length : end + 2;
      return { kind: "concat", items: [...text].map((ch) => chars([[ch.codePointAt(0)!, ch.codePointAt(0)!]], flags)) };
    }
    if (this.eat("A")) return { kind: "begin", offset: start };
    if (this.eat("z")) return { kind: "end", offset: start };
    if (this.eat("C")) return { kind: "bytes", ranges: [[0, 255]] };
    if (this.peek() === "b" || this.peek() === "B") this.fail("word boundaries (\\b, \\B) are not supported by the route DFA", start);
    const escaped = parseEscape(this, start, false);
    return chars(escaped, flags);
  }

  private group(outer: Flags, start: number): RegexNode {
    const flags = { ...outer };
    if (this.eat("?")) {
      const m = /^(?:P?<([A-Za-z_][A-Za-z0-9_]*)>|([imsU]*)(?:-([imsU]*))?:)/.exec(this.src.slice(this.pos));
      if (!m) this.fail(unsupportedGroup(this.src.slice(start)), start);
      if (m[1] === undefined) applyFlags(flags, m[2] ?? "", m[3] ?? "");
      this.pos += m[0].length;
    }
    const inner = this.alternation(flags);
    if (!this.eat(")")) this.fail("missing closing ')'", start);
    return inner;
  }
}

function applyFlags(flags: Flags, on: string, off: string): void {
  for (const [letters, value] of [[on, true], [off, false]] as const) {
    if (letters.includes("i")) flags.ignoreCase = value;
    if (letters.includes("m")) flags.multiLine = value;
    if (letters.includes("s")) flags.dotAll = value;
  }
}

function unsupportedGroup(rest: string): string {
  if (/^\(\?<?[=!]/.test(rest)) return "lookaround assertions are not supported by RE2";
  if (rest.startsWith("(?>")) return "atomic groups are not supported by RE2";
  if (rest.startsWith("(?P=") || rest.startsWith("(?P>")) return "backreferences are not supported by RE2";
  if (rest.startsWith("(?#")) return "comments are not supported by RE2";
  if (rest.startsWith("(?|")) return "branch reset groups are not supported by RE2";
  return `invalid or unsupported group: ${rest.slice(0, 6)}`;
}

function chars(ranges: Range[], flags: Flags): RegexNode {
  return { kind: "chars", ranges: flags.ignoreCase ? foldRanges(ranges) : ranges };
}

/**
 * Parses `source` as Envoy's RE2 does: in Latin-1 mode, so the expression's UTF-8 bytes are its
 * characters (a literal "é" is the two characters \xC3 \xA9) and error offsets count bytes.
 */
export function parseRe2(source: string, ignoreCase = false): RegexNode {
  if (source === "") return EMPTY;
  const latin1 = Buffer.from(source, "utf8").toString("latin1");
  return new Parser(latin1).parseAll({ ignoreCase, multiLine: false, dotAll: false });
}
