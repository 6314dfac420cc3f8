// Small typed readers over a parsed JSON object for config decoding. Each returns null (or a
// failure flag) on a wrong type, so decoders can reject instead of guessing.
import { JsonValue } from "../common/json/value";

/** What `stringList` returns for a member present but not an array of strings. */
export const NOT_STRINGS: string[] = [];

/** An optional string array: null when absent or empty, NOT_STRINGS when malformed. */
export function stringList(obj: JsonValue, key: string): string[] | null {
  const v = obj.get(key);
  if (v === null) return null;
  if (!v.isArray) return NOT_STRINGS;
  const out = new Array<string>();
  for (let i = 0; i < v.items.length; i++) {
    if (!v.items[i].isString) return NOT_STRINGS;
    out.push(v.items[i].str);
  }
  return out.length == 0 ? null : out;
}

/** An optional string member; `fallback` when absent; null when present with another type. */
export function stringField(obj: JsonValue, key: string, fallback: string | null): string | null {
  const v = obj.get(key);
  if (v === null) return fallback;
  return v.isString ? v.str : null;
}

/** An integer in [min, max] from a JSON number; i64.MIN_VALUE when absent, -2^62 when invalid. */
export const ABSENT: i64 = i64.MIN_VALUE;
export const INVALID: i64 = -(1 << 62);

export function intField(obj: JsonValue, key: string, min: i64, max: i64): i64 {
  const v = obj.get(key);
  if (v === null) return ABSENT;
  if (!v.isNumber) return INVALID;
  return integerIn(v.num, min, max) ? <i64>v.num : INVALID;
}

export function integerIn(n: f64, min: i64, max: i64): bool {
  return isFinite(n) && Math.floor(n) == n && n >= <f64>min && n <= <f64>max;
}

export function boolField(obj: JsonValue, key: string, fallback: bool): i32 {
  const v = obj.get(key);
  if (v === null) return fallback ? 1 : 0;
  return v.isBool ? (v.bool ? 1 : 0) : -1;
}

/** A field's negated name as the configuration spells it: "paths" → "notPaths". */
export function notKey(key: string): string {
  return "not" + String.fromCharCode(key.charCodeAt(0) - 0x20) + key.substring(1);
}

/** Whether every key of `obj` is one of `allowed` or the `notKey` of one. */
export function onlyKeysOrNot(obj: JsonValue, allowed: string[]): bool {
  const keys = obj.keys;
  for (let i = 0; i < keys.length; i++) {
    let known = false;
    for (let j = 0; j < allowed.length && !known; j++) known = keys[i] == allowed[j] || keys[i] == notKey(allowed[j]);
    if (!known) return false;
  }
  return true;
}
