// protoc-gen-validate constraints, the `(validate.rules)` and `(validate.required)` annotations
// in Envoy's protos that Envoy checks when it loads a config. Covered: message.required, oneof
// required, string/bytes lengths, prefix/suffix/contains/in/not_in/const, well-known header
// regexes and `pattern`; repeated min/max items (and item rules); map min/max pairs; numeric
// const/lt/lte/gt/gte/in/not_in; duration lt/lte/gt/gte/required; enum defined_only/in/not_in;
// any required/in/not_in. Not covered: timestamp rules, unique items, email/hostname/ip/uri
// string formats, map key/value rules.
import type protobuf from "protobufjs";
import { durationSeconds } from "./well-known.ts";
import { numericValue } from "./scalars.ts";

export type Rules = Record<string, any>;

/** The field's merged `(validate.rules)` option, if any. */
export function rulesOf(field: protobuf.Field): Rules | undefined {
  let merged: Rules | undefined;
  for (const entry of (field.parsedOptions ?? []) as Record<string, unknown>[]) {
    const r = entry["(validate.rules)"];
    if (r && typeof r === "object") merged = deepMerge(merged ?? {}, r as Rules);
  }
  return merged;
}

function deepMerge(a: Rules, b: Rules): Rules {
  const out: Rules = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] = v && typeof v === "object" && !Array.isArray(v) && out[k] && typeof out[k] === "object" ? deepMerge(out[k], v) : v;
  }
  return out;
}

const NUMERIC = new Set(["int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "double", "float"]);
const HEADER_NAME = /^:?[0-9a-zA-Z!#$%&'*+\-.^_|~`]+$/;
const HEADER_VALUE_STRICT = /^[^\u0000-\u0008\u000A-\u001F\u007F]*$/;
const HEADER_VALUE_LAX = /^[^\u0000\u000A\u000D]*$/;

/** Violations of `rules` by a scalar, list, map or duration value (already type-checked). */
export function checkRules(rules: Rules, value: unknown): string[] {
  const out: string[] = [];
  // PGV gives a field one kind of rules (plus `message`): look only at the kinds present.
  for (const kind in rules) {
    const r = rules[kind];
    if (!r) continue;
    if (kind === "string") {
      if (typeof value === "string") checkString(r, value, out);
    } else if (kind === "bytes") {
      if (typeof value === "string") checkLengths(r, Buffer.from(value, "base64").length, "bytes", out);
    } else if (kind === "repeated") {
      if (!Array.isArray(value)) continue;
      if (r.min_items !== undefined && value.length < Number(r.min_items)) out.push(`expected at least ${r.min_items} item(s), got ${value.length}`);
      if (r.max_items !== undefined && value.length > Number(r.max_items)) out.push(`expected at most ${r.max_items} item(s), got ${value.length}`);
    } else if (kind === "map") {
      if (!value || typeof value !== "object") continue;
      const n = Object.keys(value).length;
      if (r.min_pairs !== undefined && n < Number(r.min_pairs)) out.push(`expected at least ${r.min_pairs} entr(ies), got ${n}`);
      if (r.max_pairs !== undefined && n > Number(r.max_pairs)) out.push(`expected at most ${r.max_pairs} entr(ies), got ${n}`);
    } else if (kind === "duration") {
      if (typeof value === "string") checkDuration(r, value, out);
    } else if (NUMERIC.has(kind) && value !== undefined && !Array.isArray(value)) {
      checkNumber(r, numericValue(value), out);
    }
  }
  return out;
}

function checkString(r: Rules, s: string, out: string[]): void {
  if (r.ignore_empty && s === "") return;
  if (r.len !== undefined || r.min_len !== undefined || r.max_len !== undefined) checkLengths(r, codePoints(s), "characters", out);
  if (r.min_bytes !== undefined && Buffer.byteLength(s) < Number(r.min_bytes)) out.push(`expected at least ${r.min_bytes} byte(s)`);
  if (r.max_bytes !== undefined && Buffer.byteLength(s) > Number(r.max_bytes)) out.push(`expected at most ${r.max_bytes} byte(s)`);
  if (r.const !== undefined && s !== r.const) out.push(`expected ${JSON.stringify(r.const)}`);
  if (r.prefix !== undefined && !s.startsWith(r.prefix)) out.push(`expected a value starting with ${JSON.stringify(r.prefix)}`);
  if (r.suffix !== undefined && !s.endsWith(r.suffix)) out.push(`expected a value ending with ${JSON.stringify(r.suffix)}`);
  if (r.contains !== undefined && !s.includes(r.contains)) out.push(`expected a value containing ${JSON.stringify(r.contains)}`);
  if (Array.isArray(r.in) && !r.in.includes(s)) out.push(`expected one of ${r.in.map((v: string) => JSON.stringify(v)).join(", ")}`);
  if (Array.isArray(r.not_in) && r.not_in.includes(s)) out.push(`${JSON.stringify(s)} is not allowed here`);
  const strict = r.strict !== false;
  if (r.well_known_regex === "HTTP_HEADER_NAME" && s !== "" && !(strict ? HEADER_NAME : HEADER_VALUE_LAX).test(s)) out.push(`expected an HTTP header name, got ${JSON.stringify(s)}`);
  if (r.well_known_regex === "HTTP_HEADER_VALUE" && !(strict ? HEADER_VALUE_STRICT : HEADER_VALUE_LAX).test(s)) out.push("expected an HTTP header value (no NUL, CR or LF)");
  if (typeof r.pattern === "string") {
    const re = jsRegex(r.pattern);
    if (re && !re.test(s)) out.push(`expected a value matching ${r.pattern}`);
  }
}

/** Characters as PGV counts them (code points), without spreading every string into an array. */
function codePoints(s: string): number {
  return SURROGATE.test(s) ? [...s].length : s.length;
}

const SURROGATE = /[\ud800-\udfff]/;

function checkLengths(r: Rules, len: number, unit: string, out: string[]): void {
  if (r.ignore_empty && len === 0) return;
  if (r.len !== undefined && len !== Number(r.len)) out.push(`expected exactly ${r.len} ${unit}`);
  if (r.min_len !== undefined && len < Number(r.min_len)) out.push(r.min_len == 1 ? "expected a non-empty value" : `expected at least ${r.min_len} ${unit}`);
  if (r.max_len !== undefined && len > Number(r.max_len)) out.push(`expected at most ${r.max_len} ${unit}`);
}

function checkNumber(r: Rules, n: number, out: string[]): void {
  if (r.ignore_empty && n === 0) return;
  if (r.const !== undefined && n !== Number(r.const)) out.push(`expected ${r.const}, got ${n}`);
  bounds(r, n, String(n), out, Number);
  if (Array.isArray(r.in) && !r.in.map(Number).includes(n)) out.push(`expected one of ${r.in.join(", ")}, got ${n}`);
  if (Array.isArray(r.not_in) && r.not_in.map(Number).includes(n)) out.push(`${n} is not allowed here`);
}

function checkDuration(r: Rules, text: string, out: string[]): void {
  const s = durationSeconds(text);
  if (s === undefined) return;
  const toSeconds = (d: Rules) => Number(d?.seconds ?? 0) + Number(d?.nanos ?? 0) / 1e9;
  bounds(r, s, text, out, toSeconds, (v) => `${v}s`);
}

/** gt/gte/lt/lte; when the lower bound exceeds the upper one, PGV means "outside the range". */
function bounds<T>(r: Rules, n: number, shown: string, out: string[], conv: (v: T) => number, fmt = (v: number) => String(v)): void {
  const lo = r.gt !== undefined ? { v: conv(r.gt), ok: n > conv(r.gt), w: `greater than ${fmt(conv(r.gt))}` }
    : r.gte !== undefined ? { v: conv(r.gte), ok: n >= conv(r.gte), w: `at least ${fmt(conv(r.gte))}` } : undefined;
  const hi = r.lt !== undefined ? { v: conv(r.lt), ok: n < conv(r.lt), w: `less than ${fmt(conv(r.lt))}` }
    : r.lte !== undefined ? { v: conv(r.lte), ok: n <= conv(r.lte), w: `at most ${fmt(conv(r.lte))}` } : undefined;
  if (lo && hi && lo.v > hi.v) {
    if (!lo.ok && !hi.ok) out.push(`expected a value ${lo.w} or ${hi.w}, got ${shown}`);
    return;
  }
  if (lo && !lo.ok) out.push(`expected a value ${lo.w}, got ${shown}`);
  if (hi && !hi.ok) out.push(`expected a value ${hi.w}, got ${shown}`);
}

const regexCache = new Map<string, RegExp | null>();
/** RE2 patterns in Envoy's protos are simple enough for JS; one that JS cannot compile is skipped. */
function jsRegex(pattern: string): RegExp | null {
  if (!regexCache.has(pattern)) {
    try { regexCache.set(pattern, new RegExp(pattern, "u")); } catch { regexCache.set(pattern, null); }
  }
  return regexCache.get(pattern)!;
}

/** `(validate.required)` on a oneof: one of its fields must be set. */
export function oneofRequired(oneof: protobuf.OneOf): boolean {
  return (oneof.options?.["(validate.required)"] ?? false) === true;
}
