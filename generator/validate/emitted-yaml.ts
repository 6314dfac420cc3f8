// A fast reader for the one shape of YAML that generator/emit writes: block mappings and
// sequences indented by two spaces, one `key: value`, `key:`, `- value` or `-` per line, leading
// `#` comment lines. It returns undefined for anything else, and the caller then reads the text
// with the full `yaml` parser. The full parser reads about 1.5 MB/s; bootstraps run to megabytes.
//
// Scalars are never guessed: a JSON string is decoded with JSON.parse only when it holds nothing
// a YAML reader could take differently; a plain word is a string only when no YAML 1.1 or 1.2
// reader could take it for anything else; every other scalar is read by `resolve` (the full
// reader, on that one line) once and remembered.

import { indexLines, type LineIndex, type PieceLines } from "./line-index.ts";

type Resolve = (line: string) => unknown;

const JSON_STRING = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]|[\ud800-\udbff][\udc00-\udfff]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"$/;
const WORD = /^[A-Za-z_/][A-Za-z0-9_./|@:-]*$/;
const NOT_ALWAYS_A_STRING = /^(y|n|yes|no|on|off|true|false|null)$/i;
/** Plain scalars the full reader may take for something else, but whose meaning cannot depend on the lines around them. */
const ONE_LINE_PLAIN = /^[A-Za-z0-9_./|@:+-]+$/;

const MAX_HASHED_TEXT = 16 * 1024;

class NotEmitted extends Error {}
const notEmitted = new NotEmitted();

export interface ReaderOptions {
  /**
   * Sequence items of two lines or more whose text is identical (in this or an earlier read)
   * become one shared object, listed in `shared`: bootstraps repeat clusters, routes and filters
   * many times, and a checker can then judge each once. Shared objects must not be modified.
   */
  shareIdentical?: boolean;
}

export class EmittedYamlReader {
  /** Objects that may appear more than once (shareIdentical). */
  readonly shared = new WeakSet<object>();
  private readonly values = new Map<string, unknown>();
  private readonly keys = new Map<string, string>();
  // A block and its first item can span the same lines: items and blocks are kept apart.
  private readonly items = new Map<string, unknown>();
  private readonly blocks = new Map<string, unknown>();
  private readonly pieceLines = new Map<string, PieceLines>();
  private index: LineIndex = indexLines("", undefined, this.pieceLines);
  private count = 0;
  private indents: Int32Array = new Int32Array(0);
  private text = "";
  /** Offset of each line's first character in `text`. */
  private starts: Int32Array = new Int32Array(0);
  private i = 0;

  constructor(private readonly resolve: Resolve, private readonly options: ReaderOptions = {}) {}

  /**
   * The data `text` holds, or undefined when it is not in the emitter's shape. `pieces`, when
   * the emitter gives them (emitYamlPieces), are whole lines joining to `text`: a piece read
   * before (a part bootstraps share) is then recognised without hashing its text.
   */
  read(text: string, pieces?: string[]): unknown {
    this.index = indexLines(text, pieces, this.pieceLines);
    this.count = this.index.count;
    this.starts = this.index.starts;
    this.indents = this.index.indents;
    this.text = text;
    this.i = 0;
    const count = this.count;
    try {
      while (this.i < count && text.charCodeAt(this.starts[this.i]) === 35) this.i++;
      if (this.i >= count || this.indentAt(this.i) < 0) return undefined;
      const value = this.block(0);
      if (this.i !== count - 1 || this.indentAt(this.i) !== -1) return undefined;
      return value;
    } catch (e) {
      if (e instanceof NotEmitted) return undefined;
      throw e;
    } finally {
      this.index = indexLines("", undefined, this.pieceLines);
      this.indents = new Int32Array(0);
      this.starts = new Int32Array(0);
      this.text = "";
    }
  }

  /** Line `j` without its newline. */
  private line(j: number): string {
    return this.text.slice(this.starts[j], this.starts[j + 1] - 1);
  }

  /** Leading spaces of line `j`; an empty line counts as -1 (it ends every block). */
  private indentAt(j: number): number {
    return this.indents[j];
  }

  /** A mapping or sequence whose lines start at `indent`, from the current line. */
  private block(indent: number): unknown {
    const line = this.line(this.i);
    if (this.indentAt(this.i) !== indent) throw notEmitted;
    return isItem(line, indent) ? this.sequence(indent) : this.mapping(indent, false);
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    while (this.i < this.count) {
      const line = this.line(this.i);
      const n = this.indentAt(this.i);
      if (n < indent) break;
      if (n > indent || !isItem(line, indent)) throw notEmitted;
      if (this.options.shareIdentical) {
        const end = this.itemEnd(indent);
        if (end - this.i >= 2) {
          out.push(this.sharedItem(indent, end));
          continue;
        }
      }
      if (line.length === indent + 1) {
        this.i++;
        out.push(this.nested(indent + 2));
        continue;
      }
      const rest = line.slice(indent + 2);
      if (this.keyEnd(rest) >= 0) out.push(this.mapping(indent + 2, true));
      else {
        out.push(this.scalar(rest));
        this.i++;
      }
    }
    return out;
  }

  /** The line after the sequence item that starts on the current line (its dash at `indent`). */
  private itemEnd(indent: number): number {
    let j = this.i + 1;
    while (j < this.count && this.indents[j] > indent) j++;
    return j;
  }

  /** The item on lines [current, end), read once per distinct text. */
  private sharedItem(indent: number, end: number): unknown {
    return this.once(this.items, end, () => {
      const line = this.line(this.i);
      if (line.length === indent + 1) {
        this.i++;
        return this.nested(indent + 2);
      }
      if (this.keyEnd(line.slice(indent + 2)) < 0) throw notEmitted; // a scalar item takes one line
      return this.mapping(indent + 2, true);
    });
  }

  /** Lines [current, end) read by `parse`, or the value an identical text already gave. */
  private once(cache: Map<string, unknown>, end: number, parse: () => unknown): unknown {
    const piece = this.index.pieceAt[this.i] - 1;
    const whole = piece >= 0 && this.index.pieceEnds[piece] === end;
    // Text in pieces: the emitter said which parts recur, and hashing the others costs more than
    // reading them. Otherwise hashing a large block costs more than reading it: its items are shared.
    if (!whole && (this.index.pieces.length > 0 || this.starts[end] - this.starts[this.i] > MAX_HASHED_TEXT)) return parse();
    const key = whole ? this.index.pieces[piece] : this.text.slice(this.starts[this.i], this.starts[end]);
    if (cache.has(key)) {
      this.i = end;
      return cache.get(key);
    }
    const value = parse();
    if (this.i !== end) throw notEmitted;
    cache.set(key, value);
    if (value !== null && typeof value === "object") this.shared.add(value);
    return value;
  }

  /** Entries at `indent`; with `afterDash` the first one shares its line with a sequence's `- `. */
  private mapping(indent: number, afterDash: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let first = afterDash;
    while (this.i < this.count) {
      const line = this.line(this.i);
      if (!first) {
        const n = this.indentAt(this.i);
        if (n < indent) break;
        if (n > indent || isItem(line, indent)) throw notEmitted;
      }
      first = false;
      const rest = indent === 0 ? line : line.slice(indent);
      const end = this.keyEnd(rest);
      if (end < 0) throw notEmitted;
      const key = this.key(rest.slice(0, end));
      if (Object.hasOwn(out, key) || key === "__proto__") throw notEmitted;
      this.i++;
      if (end + 1 === rest.length) out[key] = this.nested(indent + 2);
      else {
        if (rest.charCodeAt(end + 1) !== 32 || rest.charCodeAt(end + 2) === 32) throw notEmitted;
        out[key] = this.scalar(rest.slice(end + 2));
      }
    }
    return out;
  }

  /** The block under `key:` or `-`: it must follow, indented by exactly two more spaces. */
  private nested(indent: number): unknown {
    if (this.i >= this.count || this.indentAt(this.i) !== indent) throw notEmitted;
    if (this.options.shareIdentical) {
      let end = this.i + 1;
      while (end < this.count && this.indents[end] >= indent) end++;
      if (end - this.i >= 2) return this.once(this.blocks, end, () => this.block(indent));
    }
    return this.block(indent);
  }

  /** Where the `:` ending a key is in `s`, or -1 when `s` is not `key:` / `key: value`. */
  private keyEnd(s: string): number {
    if (s.charCodeAt(0) === 34) {
      const close = closingQuote(s);
      return close > 0 && s.charCodeAt(close + 1) === 58 && (close + 2 === s.length || s.charCodeAt(close + 2) === 32) ? close + 1 : -1;
    }
    for (let j = s.indexOf(":"); j >= 0; j = s.indexOf(":", j + 1)) {
      if (j + 1 === s.length || s.charCodeAt(j + 1) === 32) return j;
    }
    return -1;
  }

  private key(spelled: string): string {
    let key = this.keys.get(spelled);
    if (key === undefined) {
      const value = this.scalar(spelled);
      if (typeof value !== "string") throw notEmitted;
      key = value;
      this.keys.set(spelled, key);
    }
    return key;
  }

  private scalar(s: string): unknown {
    if (s === "[]") return [];
    if (s === "{}") return {};
    const known = this.values.get(s);
    if (known !== undefined || this.values.has(s)) return known;
    let value: unknown;
    if (s.charCodeAt(0) === 34) {
      if (!JSON_STRING.test(s)) throw notEmitted;
      value = JSON.parse(s);
    } else if (WORD.test(s) && !s.endsWith(":") && !NOT_ALWAYS_A_STRING.test(s)) {
      value = s;
    } else if (ONE_LINE_PLAIN.test(s) && !s.endsWith(":")) {
      value = (this.resolve(`k: ${s}`) as { k: unknown }).k;
      if (value !== null && typeof value === "object") throw notEmitted;
    } else {
      throw notEmitted;
    }
    if (this.values.size > 100_000) this.values.clear();
    this.values.set(s, value);
    return value;
  }
}

function isItem(line: string, indent: number): boolean {
  return line.charCodeAt(indent) === 45 && (line.length === indent + 1 || line.charCodeAt(indent + 1) === 32);
}

/** Index of the quote closing the JSON string that opens `s`, or -1. */
function closingQuote(s: string): number {
  for (let j = 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 92) j++;
    else if (c === 34) return j;
  }
  return -1;
}
