// A strict RFC 8259 parser over UTF-8 bytes with depth and size limits. It never throws:
// malformed input, a duplicate key, invalid UTF-8 or a limit breach returns null.
import { JsonKind, JsonValue } from "./value";

export function parseJson(input: ArrayBuffer, maxBytes: i32 = 4 << 20, maxDepth: i32 = 64): JsonValue | null {
  if (input.byteLength > maxBytes) return null;
  const p = new Parser(changetype<usize>(input), <usize>input.byteLength, maxDepth);
  const v = p.value(0);
  if (v === null) return null;
  p.skipSpace();
  return p.pos == p.end ? v : null;
}

class Parser {
  pos: usize;
  end: usize;
  constructor(public base: usize, len: usize, public maxDepth: i32) {
    this.pos = base;
    this.end = base + len;
  }

  @inline peek(): i32 { return this.pos < this.end ? <i32>load<u8>(this.pos) : -1; }

  skipSpace(): void {
    while (this.pos < this.end) {
      const c = load<u8>(this.pos);
      if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) break;
      this.pos++;
    }
  }

  literal(word: string): bool {
    const n = <usize>word.length;
    if (this.pos + n > this.end) return false;
    for (let i: usize = 0; i < n; i++) if (<i32>load<u8>(this.pos + i) != word.charCodeAt(<i32>i)) return false;
    this.pos += n;
    return true;
  }

  value(depth: i32): JsonValue | null {
    this.skipSpace();
    const c = this.peek();
    if (c == 0x7b) return this.object(depth);
    if (c == 0x5b) return this.array(depth);
    if (c == 0x22) { const s = this.string(); return s === null ? null : JsonValue.ofString(s); }
    if (c == 0x74) return this.literal("true") ? JsonValue.ofBool(true) : null;
    if (c == 0x66) return this.literal("false") ? JsonValue.ofBool(false) : null;
    if (c == 0x6e) return this.literal("null") ? JsonValue.ofNull() : null;
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    return null;
  }

  /** `depth` counts the containers already open around this one. */
  object(depth: i32): JsonValue | null {
    if (depth >= this.maxDepth) return null;
    const v = new JsonValue();
    v.kind = JsonKind.Object;
    this.pos++;
    this.skipSpace();
    if (this.peek() == 0x7d) { this.pos++; return v; }
    while (true) {
      this.skipSpace();
      if (this.peek() != 0x22) return null;
      const key = this.string();
      if (key === null || v.keys.includes(key)) return null;
      this.skipSpace();
      if (this.peek() != 0x3a) return null;
      this.pos++;
      const item = this.value(depth + 1);
      if (item === null) return null;
      v.keys.push(key);
      v.items.push(item);
      this.skipSpace();
      const c = this.peek();
      this.pos++;
      if (c == 0x7d) return v;
      if (c != 0x2c) return null;
    }
  }

  array(depth: i32): JsonValue | null {
    if (depth >= this.maxDepth) return null;
    const v = new JsonValue();
    v.kind = JsonKind.Array;
    this.pos++;
    this.skipSpace();
    if (this.peek() == 0x5d) { this.pos++; return v; }
    while (true) {
      const item = this.value(depth + 1);
      if (item === null) return null;
      v.items.push(item);
      this.skipSpace();
      const c = this.peek();
      this.pos++;
      if (c == 0x5d) return v;
      if (c != 0x2c) return null;
    }
  }

  number(): JsonValue | null {
    const start = this.pos;
    if (this.peek() == 0x2d) this.pos++;
    let c = this.peek();
    if (c == 0x30) this.pos++;
    else if (c >= 0x31 && c <= 0x39) this.digits();
    else return null;
    if (this.peek() == 0x2e) {
      this.pos++;
      if (!this.digits()) return null;
    }
    c = this.peek();
    if (c == 0x65 || c == 0x45) {
      this.pos++;
      c = this.peek();
      if (c == 0x2b || c == 0x2d) this.pos++;
      if (!this.digits()) return null;
    }
    const s = String.UTF8.decodeUnsafe(start, this.pos - start);
    return JsonValue.ofNumber(parseFloat(s), s);
  }

  digits(): bool {
    const start = this.pos;
    while (this.pos < this.end) {
      const c = load<u8>(this.pos);
      if (c < 0x30 || c > 0x39) break;
      this.pos++;
    }
    return this.pos > start;
  }

  hex4(): i32 {
    if (this.pos + 4 > this.end) return -1;
    let v = 0;
    for (let i = 0; i < 4; i++) {
      const c = <i32>load<u8>(this.pos++);
      let d = -1;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x57;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x37;
      if (d < 0) return -1;
      v = (v << 4) | d;
    }
    return v;
  }

  /** A string token; escapes decoded, raw bytes validated as UTF-8. */
  string(): string | null {
    this.pos++;
    let parts: Array<string> | null = null; // only for strings with escapes
    let runStart = this.pos;
    while (true) {
      if (this.pos >= this.end) return null;
      const c = load<u8>(this.pos);
      if (c == 0x22) break;
      if (c < 0x20) return null;
      if (c != 0x5c) { this.pos++; continue; }
      let ps = parts;
      if (ps === null) { ps = new Array<string>(); parts = ps; }
      if (this.pos > runStart) {
        const run = this.utf8Run(runStart, this.pos);
        if (run === null) return null;
        ps.push(run);
      }
      this.pos++;
      const e = this.peek();
      this.pos++;
      if (e == 0x22) ps.push("\"");
      else if (e == 0x5c) ps.push("\\");
      else if (e == 0x2f) ps.push("/");
      else if (e == 0x62) ps.push("\b");
      else if (e == 0x66) ps.push("\f");
      else if (e == 0x6e) ps.push("\n");
      else if (e == 0x72) ps.push("\r");
      else if (e == 0x74) ps.push("\t");
      else if (e == 0x75) {
        const u = this.hex4();
        if (u < 0) return null;
        if (u >= 0xd800 && u <= 0xdbff) {
          if (!this.literal("\\u")) return null;
          const lo = this.hex4();
          if (lo < 0xdc00 || lo > 0xdfff) return null;
          ps.push(String.fromCharCode(u, lo));
        } else if (u >= 0xdc00 && u <= 0xdfff) {
          return null;
        } else {
          ps.push(String.fromCharCode(u));
        }
      } else return null;
      runStart = this.pos;
    }
    const tail = this.utf8Run(runStart, this.pos);
    if (tail === null) return null;
    this.pos++;
    if (parts === null) return tail;
    parts.push(tail);
    return parts.join("");
  }

  utf8Run(from: usize, to: usize): string | null {
    if (!validUtf8(from, to)) return null;
    return String.UTF8.decodeUnsafe(from, to - from);
  }
}

/** Strict UTF-8 validation (no overlongs, no surrogates, max U+10FFFF). */
export function validUtf8(from: usize, to: usize): bool {
  let p = from;
  while (p < to) {
    const b0 = <u32>load<u8>(p);
    if (b0 < 0x80) { p++; continue; }
    let need = 0; let min: u32 = 0; let cp: u32 = 0;
    if ((b0 & 0xe0) == 0xc0) { need = 1; min = 0x80; cp = b0 & 0x1f; }
    else if ((b0 & 0xf0) == 0xe0) { need = 2; min = 0x800; cp = b0 & 0x0f; }
    else if ((b0 & 0xf8) == 0xf0) { need = 3; min = 0x10000; cp = b0 & 0x07; }
    else return false;
    if (p + need >= to) return false;
    for (let i = 1; i <= need; i++) {
      const b = <u32>load<u8>(p + i);
      if ((b & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    p += need + 1;
  }
  return true;
}
