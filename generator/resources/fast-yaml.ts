// A fast reader for the everyday YAML that mesh files are written in: block mappings and
// sequences, one-line flow collections, one-line plain and quoted scalars, comments, `---`
// between documents. It gives the values the full `yaml` parser gives (YAML 1.2 core schema) and
// the same field positions as indexPositions, and returns undefined for a file holding anything
// else (anchors, tags, block scalars, multi-line scalars, odd numbers, any error): the caller then
// reads that file with the full parser, which also reports every problem. The full parser reads
// about 0.6 MB/s, far too slow for meshes of thousands of resources.
import { PositionsBuilder } from "./positions.ts";
import type { Positions } from "./types.ts";

export interface FastDocument {
  /** null for an empty document. */
  value: unknown;
  positions: Positions;
}

/** Where the last flow collection or quoted scalar read ended (the index after it). */
let stop = 0;

class Unsupported extends Error {}
const unsupported = new Unsupported();
function bail(): never {
  throw unsupported;
}

/** Characters the full parser reads differently, complains about, or that need care we skip. */
const AVOID = /[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]/;
/** A directive (`%YAML`) or a document end marker (`...`) at the start of a line. */
function markers(text: string): boolean {
  return text.startsWith("%") || text.includes("\n%") || text.startsWith("...") || text.includes("\n...");
}
const MAX_DEPTH = 48;
// YAML 1.2 core schema, as the `yaml` package spells it (schema/core): anything that test would
// take for a number other than a short decimal integer goes to the full parser.
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const SHORT_INT = /^[-+]?[0-9]{1,15}$/;
const OTHER_NUMBER = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+)$/;
const JSON_ESCAPES = /\\(?!["\\/bfnrt]|u[0-9a-fA-F]{4})/;

function plainValue(s: string): unknown {
  const c = s.charCodeAt(0) | 32;
  // A word starting with a letter is a string unless it is a spelling of null, true or false
  // (no number starts with a letter).
  if (c >= 97 && c <= 122) {
    if (s.length !== 4 && s.length !== 5) return s;
    if (c !== 110 && c !== 116 && c !== 102) return s;
  }
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s.charCodeAt(0) === 116 || s.charCodeAt(0) === 84;
  if (SHORT_INT.test(s)) return Number(s);
  if (OTHER_NUMBER.test(s)) bail();
  return s;
}

export function fastParseYaml(text: string): FastDocument[] | undefined {
  if (AVOID.test(text) || markers(text)) return undefined;
  try {
    return new Reader(text.split("\n")).documents();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

class Reader {
  /** Leading spaces of each line; -1 for a blank or comment-only line. */
  private readonly indents: Int32Array;
  private end = 0;
  private positions = new PositionsBuilder();
  private depth = 0;
  /** 1-based line of the inline value being read. */
  private row = 0;

  constructor(private readonly lines: string[]) {
    this.indents = new Int32Array(lines.length);
    for (let j = 0; j < lines.length; j++) {
      const line = lines[j];
      let n = 0;
      while (line.charCodeAt(n) === 32) n++;
      this.indents[j] = n === line.length || line.charCodeAt(n) === 35 ? -1 : n;
    }
  }

  documents(): FastDocument[] {
    const docs: FastDocument[] = [];
    let start = 0;
    let marked = false;
    for (let j = 0; j <= this.lines.length; j++) {
      const line = this.lines[j];
      const marker = j < this.lines.length && line.startsWith("---");
      if (marker && line !== "---") bail();
      if (!marker && j < this.lines.length) continue;
      const content = this.nextContent(start, j) < j;
      if (marked || content) docs.push(this.document(start, j));
      start = j + 1;
      marked = marker;
    }
    return docs;
  }

  private document(from: number, to: number): FastDocument {
    this.end = to;
    this.positions = new PositionsBuilder();
    const j = this.nextContent(from, to);
    if (j === to) return { value: null, positions: this.positions.positions };
    const col = this.indents[j];
    const field = this.positions.open("", j + 1, col + 1);
    const [value, next] = this.block(j, col);
    this.positions.close(field);
    if (this.nextContent(next, to) !== to) bail();
    return { value, positions: this.positions.positions };
  }

  /** The first line at or after `j` (before `to`) that holds content. */
  private nextContent(j: number, to = this.end): number {
    while (j < to && this.indents[j] < 0) j++;
    return j;
  }

  /** A block sequence or mapping whose first entry starts at line `j`, column `col`. */
  private block(j: number, col: number): [unknown, number] {
    if (++this.depth > MAX_DEPTH) bail();
    const line = this.lines[j];
    let r: [unknown, number];
    if (isDash(line, col)) {
      if (col !== this.indents[j]) bail(); // `- - x`
      r = this.sequence(j, col);
    } else if (keyEnd(line, col) > 0) r = this.mapping(j, col);
    else bail();
    this.depth--;
    return r;
  }

  private sequence(j: number, col: number): [unknown[], number] {
    const out: unknown[] = [];
    for (;;) {
      const line = this.lines[j];
      let field: number;
      let k = col + 1;
      while (line.charCodeAt(k) === 32) k++;
      if (k === line.length || line.charCodeAt(k) === 35) {
        if (k < line.length && k === col + 1) bail();
        const n = this.nextContent(j + 1);
        if (n === this.end || this.indents[n] <= col) bail(); // an empty item
        field = this.positions.open(out.length, n + 1, this.indents[n] + 1);
        const [v, next] = this.block(n, this.indents[n]);
        out.push(v);
        j = next;
      } else {
        field = this.positions.open(out.length, j + 1, k + 1);
        if (keyEnd(line, k) > 0) {
          const [v, next] = this.block(j, k);
          out.push(v);
          j = next;
        } else {
          out.push(this.inline(line, k, j + 1));
          j = this.nextContent(j + 1);
          if (j < this.end && this.indents[j] > col) bail();
        }
      }
      this.positions.close(field);
      j = this.nextContent(j);
      if (j === this.end || this.indents[j] < col) return [out, j];
      if (this.indents[j] > col) bail();
      if (!isDash(this.lines[j], col)) return [out, j]; // a mapping at the same column goes on
    }
  }

  private mapping(j: number, col: number): [Record<string, unknown>, number] {
    const out: Record<string, unknown> = {};
    for (;;) {
      const line = this.lines[j];
      const colon = keyEnd(line, col);
      if (colon < 0) bail();
      const key = blockKey(line, col, colon);
      if (Object.hasOwn(out, key)) bail();
      const field = this.positions.open(key, j + 1, col + 1);
      let k = colon + 1;
      while (line.charCodeAt(k) === 32) k++;
      if (k === line.length || line.charCodeAt(k) === 35) {
        if (k < line.length && k === colon + 1) bail();
        const n = this.nextContent(j + 1);
        const indent = n < this.end ? this.indents[n] : -1;
        if (indent < col || (indent === col && !isDash(this.lines[n], col))) bail(); // an empty value
        const [v, next] = this.block(n, indent);
        out[key] = v;
        j = next;
      } else {
        out[key] = this.inline(line, k, j + 1);
        j = this.nextContent(j + 1);
        if (j < this.end && this.indents[j] > col) bail(); // a scalar going on, or an error
      }
      this.positions.close(field);
      j = this.nextContent(j);
      if (j === this.end || this.indents[j] < col) return [out, j];
      if (this.indents[j] > col || isDash(this.lines[j], col)) bail();
    }
  }

  /** A value that ends its line: a flow collection or a one-line scalar, then maybe a comment. */
  private inline(line: string, k: number, row: number): unknown {
    this.row = row;
    const c = line.charCodeAt(k);
    let value: unknown;
    if (c === 123 || c === 91) value = this.flow(line, k);
    else if (c === 34 || c === 39) value = quoted(line, k);
    else {
      if (!plainStart(line, k)) bail();
      const hash = line.indexOf(" #", k);
      const s = (hash < 0 ? line.slice(k) : line.slice(k, hash)).trimEnd();
      if (s.includes(": ") || s.endsWith(":")) bail();
      return plainValue(s);
    }
    return restIsComment(line, stop) ? value : bail();
  }

  /** A flow mapping or sequence that closes on its line; returns the value and the index after it. */
  private flow(line: string, k: number): unknown {
    if (++this.depth > MAX_DEPTH) bail();
    const map = line.charCodeAt(k) === 123;
    const close = map ? 125 : 93;
    const out: Record<string, unknown> | unknown[] = map ? {} : [];
    let i = skipSpaces(line, k + 1);
    if (line.charCodeAt(i) === close) {
      this.depth--;
      stop = i + 1;
      return out;
    }
    for (;;) {
      let field: number;
      let key = "";
      if (map) {
        const c = line.charCodeAt(i);
        let keyStop: number;
        if (c === 34 || c === 39) {
          key = quoted(line, i);
          keyStop = stop;
        } else {
          keyStop = flowPlainEnd(line, i);
          key = line.slice(i, keyStop).trimEnd();
          if (!plainStart(line, i) || typeof plainValue(key) !== "string") bail();
        }
        if (key === "__proto__" || key === "<<" || Object.hasOwn(out, key)) bail();
        if (line.charCodeAt(keyStop) !== 58 || line.charCodeAt(keyStop + 1) !== 32) bail();
        field = this.positions.open(key, this.row, i + 1);
        i = skipSpaces(line, keyStop + 1);
      } else {
        field = this.positions.open((out as unknown[]).length, this.row, i + 1);
      }
      const c = line.charCodeAt(i);
      let value: unknown;
      if (c === 123 || c === 91) {
        value = this.flow(line, i);
        i = stop;
      } else if (c === 34 || c === 39) {
        value = quoted(line, i);
        i = stop;
      } else {
        const e = flowPlainEnd(line, i);
        const s = line.slice(i, e).trimEnd();
        if (s === "" || !plainStart(line, i)) bail();
        value = plainValue(s);
        i = e;
      }
      this.positions.close(field);
      if (map) (out as Record<string, unknown>)[key] = value;
      else (out as unknown[]).push(value);
      i = skipSpaces(line, i);
      const d = line.charCodeAt(i);
      if (d === close) {
        this.depth--;
        stop = i + 1;
        return out;
      }
      if (d !== 44) bail();
      i = skipSpaces(line, i + 1);
      if (line.charCodeAt(i) === close) bail(); // a trailing comma
    }
  }
}

function isDash(line: string, col: number): boolean {
  return line.charCodeAt(col) === 45 && (line.length === col + 1 || line.charCodeAt(col + 1) === 32);
}

function skipSpaces(line: string, i: number): number {
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

/** A plain scalar may start here: not an indicator the full parser treats specially. */
function plainStart(line: string, k: number): boolean {
  const c = line.charCodeAt(k);
  if (c === 45 || c === 63 || c === 58) return k + 1 < line.length && line.charCodeAt(k + 1) !== 32 && c === 45;
  return !(c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 35 || c === 38 || c === 42 ||
    c === 33 || c === 124 || c === 62 || c === 39 || c === 34 || c === 37 || c === 64 || c === 96 || Number.isNaN(c));
}

/** End of a plain scalar in a flow collection; anything that could make it more than a word bails. */
function flowPlainEnd(line: string, i: number): number {
  let e = i;
  for (; e < line.length; e++) {
    const c = line.charCodeAt(e);
    if (c === 44 || c === 93 || c === 125) break;
    if (c === 58) {
      if (line.charCodeAt(e + 1) === 32) break;
      bail();
    }
    if (c === 91 || c === 123 || c === 35 || c === 34 || c === 39) bail();
  }
  return e;
}

/** A quoted scalar that closes on its line; `stop` is set to the index after the closing quote. */
function quoted(line: string, k: number): string {
  const q = line.charCodeAt(k);
  if (q === 39) {
    let out = "";
    let from = k + 1;
    for (;;) {
      const e = line.indexOf("'", from);
      if (e < 0) bail();
      out += line.slice(from, e);
      if (line.charCodeAt(e + 1) !== 39) {
        stop = e + 1;
        return out;
      }
      out += "'";
      from = e + 2;
    }
  }
  let e = k + 1;
  let escaped = false;
  for (; e < line.length; e++) {
    const c = line.charCodeAt(e);
    if (c === 92) {
      escaped = true;
      e++;
    } else if (c === 34) break;
  }
  if (e >= line.length) bail();
  const body = line.slice(k + 1, e);
  stop = e + 1;
  if (!escaped) return body;
  if (JSON_ESCAPES.test(body)) bail();
  return JSON.parse(`"${body}"`) as string;
}

/** Where the `:` of a block mapping key on `line` at `col` is, or -1 when there is no key there. */
function keyEnd(line: string, col: number): number {
  const c = line.charCodeAt(col);
  if (c === 34 || c === 39) {
    quoted(line, col);
    const e = stop;
    return line.charCodeAt(e) === 58 && (e + 1 === line.length || line.charCodeAt(e + 1) === 32) ? e : -1;
  }
  if (c === 123 || c === 91) return -1;
  for (let i = line.indexOf(":", col); i >= 0; i = line.indexOf(":", i + 1)) {
    if (i + 1 === line.length || line.charCodeAt(i + 1) === 32) {
      const hash = line.indexOf(" #", col);
      return hash >= 0 && hash < i ? -1 : i;
    }
  }
  return -1;
}

function blockKey(line: string, col: number, colon: number): string {
  const c = line.charCodeAt(col);
  let key: string;
  if (c === 34 || c === 39) key = quoted(line, col);
  else {
    key = line.slice(col, colon);
    if (!plainStart(line, col) || key.endsWith(" ") || key.length > 1000 || typeof plainValue(key) !== "string") bail();
  }
  if (key === "__proto__" || key === "<<") bail();
  return key;
}

function restIsComment(line: string, i: number): boolean {
  if (i === line.length) return true;
  const j = skipSpaces(line, i);
  return j === line.length || (j > i && line.charCodeAt(j) === 35);
}
