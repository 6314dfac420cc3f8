// Envoy objects → YAML text, written directly (the generic `yaml` stringifier is far slower on
// bootstraps with thousands of clusters). Key order is fixed: `@type` then `name` first in every
// mapping, the rest in the order the envoy stage built them (which never depends on input
// order). A string is written plain only when no YAML 1.1 or 1.2 reader could take it for
// anything else; otherwise it is a JSON string, which is valid YAML double-quoted.

const FIRST_KEYS = ["@type", "name"];
const PLAIN = /^[A-Za-z0-9_/][A-Za-z0-9_./|@-]*(:[A-Za-z0-9_./|@-]+)*$/;
const NUMBER_LIKE = /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$|^0[xXoObB]|^[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$|^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;
const RESERVED = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|\.inf|\.nan)$/;

// Keys and many values repeat thousands of times in a bootstrap: decide each spelling once.
const spelled = new Map<string, string>();

// Long strings (the filters' JSON configurations) repeat once per sidecar: keep the last few.
const longSpelled = new Map<string, string>();

function scalar(s: string): string {
  const cache = s.length < 256 ? spelled : longSpelled;
  let out = cache.get(s);
  if (out !== undefined) return out;
  out = s.length < 256 && PLAIN.test(s) && !NUMBER_LIKE.test(s) && !RESERVED.test(s) ? s : JSON.stringify(s);
  if (cache.size > (cache === spelled ? 50_000 : 16)) cache.clear();
  cache.set(s, out);
  return out;
}

function keysOf(obj: Record<string, unknown>): string[] {
  const keys: string[] = [];
  let first = false;
  for (const k in obj) {
    if (obj[k] === undefined) continue;
    if (k === "@type" || k === "name") first = true;
    keys.push(k);
  }
  if (!first) return keys;
  return [...FIRST_KEYS.filter((k) => obj[k] !== undefined), ...keys.filter((k) => k !== "@type" && k !== "name")];
}

function isInline(v: unknown): boolean {
  if (v === null || typeof v !== "object") return true;
  if (Array.isArray(v)) return v.length === 0;
  for (const k in v) if ((v as Record<string, unknown>)[k] !== undefined) return false;
  return true;
}

function inline(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "string") return scalar(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`cannot emit ${v}`);
    return String(v);
  }
  if (typeof v === "boolean") return v ? "true" : "false";
  return Array.isArray(v) ? "[]" : "{}";
}

/** Lines appended to one string (V8 joins them lazily): faster than an array and join. */
interface Out {
  text: string;
  /** Objects that never change and may recur (generator/envoy/shared-parts.ts): written once. */
  shared?: WeakSet<object>;
  /** The text so far in pieces, each shared object's text a piece of its own (top level only). */
  pieces?: string[];
}

/** `s` as one flat string (V8 flattens a string it converts to a number). */
function flat(s: string): string {
  void Number(s);
  return s;
}

function append(out: Out, chunk: string): void {
  if (!out.pieces) {
    out.text += chunk;
    return;
  }
  if (out.text) out.pieces.push(out.text);
  out.pieces.push(chunk);
  out.text = "";
}

// The text of each shared object, per place (indent and item prefix): the same at every place alike.
const written = new WeakMap<object, Map<string, string>>();

/** `write` for `v`, or the text it wrote for `v` at the same place before. */
function once(v: object, place: string, out: Out, write: (o: Out) => void): void {
  if (!out.shared?.has(v)) return write(out);
  let byPlace = written.get(v);
  const known = byPlace?.get(place);
  if (known !== undefined) return append(out, known);
  const o: Out = { text: "", shared: out.shared };
  write(o);
  if (!byPlace) written.set(v, byPlace = new Map());
  // Flattened once: the rope of small strings would otherwise be walked at every copy.
  const text = flat(o.text);
  byPlace.set(place, text);
  append(out, text);
}

function writeMap(obj: Record<string, unknown>, indent: string, out: Out, firstPrefix: string): void {
  let prefix = firstPrefix;
  for (const k of keysOf(obj)) {
    const v = obj[k];
    if (isInline(v)) out.text += `${prefix}${scalar(k)}: ${inline(v)}\n`;
    else {
      out.text += `${prefix}${scalar(k)}:\n`;
      writeBlock(v, `${indent}  `, out);
    }
    prefix = indent;
  }
}

function writeBlock(v: unknown, indent: string, out: Out): void {
  once(v as object, indent, out, (o) => writeBlockOnce(v, indent, o));
}

function writeBlockOnce(v: unknown, indent: string, out: Out): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (isInline(item)) out.text += `${indent}- ${inline(item)}\n`;
      else if (Array.isArray(item)) {
        out.text += `${indent}-\n`;
        writeBlock(item, `${indent}  `, out);
      } else once(item as object, `${indent}- `, out, (o) => writeMap(item as Record<string, unknown>, `${indent}  `, o, `${indent}- `));
    }
  } else writeMap(v as Record<string, unknown>, indent, out, indent);
}

/** `shared`: objects that may recur unchanged (generator/envoy/shared-parts.ts), each written once. */
export function emitYaml(value: unknown, header?: string, shared?: WeakSet<object>): string {
  return emitYamlPieces(value, header, shared).join("");
}

/**
 * emitYaml's text in pieces of whole lines, each shared object's text a piece of its own (the
 * same string wherever it recurs): the proto gate reads each such piece once.
 */
export function emitYamlPieces(value: unknown, header?: string, shared?: WeakSet<object>): string[] {
  const out: Out = { text: "", shared, pieces: [] };
  if (header) for (const l of header.split("\n")) out.text += `${`# ${l}`.trimEnd()}\n`;
  if (isInline(value)) out.text += `${inline(value)}\n`;
  else writeBlock(value, "", out);
  if (out.text) out.pieces!.push(out.text);
  return out.pieces!;
}

function json(value: unknown, indent: string): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    // Arrays of numbers (regex tables) stay on one line; everything else one item per line.
    if (value.every((v) => typeof v === "number")) return `[${value.join(", ")}]`;
    return `[\n${value.map((v) => inner + json(v, inner)).join(",\n")}\n${indent}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = keysOf(obj);
  if (keys.length === 0) return "{}";
  return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${json(obj[k], inner)}`).join(",\n")}\n${indent}}`;
}

/** Stable JSON (2-space indent, `@type`/`name` first, number arrays on one line, trailing newline). */
export function emitJson(value: unknown): string {
  return json(value, "") + "\n";
}
