// A byte-level DFA compiled by the generator (generator/regex/compile.ts): full-match semantics,
// one table lookup per input byte, no allocation while running.
import { JsonValue } from "../json/value";

/** The most states a configuration may carry (the generator's cap is lower). */
const MAX_STATES: i32 = 1 << 16;

export class Dfa {
  constructor(
    /** byte → class */
    readonly classes: StaticArray<u8>,
    readonly classCount: i32,
    /** row-major states × classCount; -1 is the dead state */
    readonly transitions: StaticArray<i32>,
    /** one byte per state: 1 when accepting */
    readonly accepting: StaticArray<u8>,
  ) {}

  /** Whether the whole of [ptr, ptr+len) is in the language. */
  matches(ptr: usize, len: usize): bool {
    let state: i32 = 0;
    const classCount = this.classCount;
    for (let i: usize = 0; i < len; i++) {
      const cls = <i32>unchecked(this.classes[load<u8>(ptr + i)]);
      state = unchecked(this.transitions[state * classCount + cls]);
      if (state < 0) return false;
    }
    return unchecked(this.accepting[state]) != 0;
  }
}

/** Decodes a CompiledRegex object; null when any table is malformed or inconsistent. */
export function decodeDfa(json: JsonValue): Dfa | null {
  if (!json.isObject || !json.onlyKeys(["source", "classCount", "classes", "transitions", "accepting"])) return null;
  const source = json.get("source"), countJson = json.get("classCount");
  const classesJson = json.get("classes"), transJson = json.get("transitions"), accJson = json.get("accepting");
  if (source === null || !source.isString) return null;
  if (countJson === null || classesJson === null || transJson === null || accJson === null) return null;
  if (!classesJson.isArray || !transJson.isArray || !accJson.isArray) return null;
  const classCount = intIn(countJson, 1, 256);
  if (classCount < 0 || classesJson.items.length != 256) return null;
  const classes = new StaticArray<u8>(256);
  for (let b = 0; b < 256; b++) {
    const c = intIn(classesJson.items[b], 0, classCount - 1);
    if (c < 0) return null;
    classes[b] = <u8>c;
  }
  const cells = transJson.items.length;
  if (cells == 0 || cells % classCount != 0 || cells / classCount > MAX_STATES) return null;
  const states = cells / classCount;
  const transitions = new StaticArray<i32>(cells);
  for (let i = 0; i < cells; i++) {
    const t = intIn(transJson.items[i], -1, states - 1);
    if (t < -1) return null;
    transitions[i] = t;
  }
  const accepting = new StaticArray<u8>(states);
  for (let i = 0; i < accJson.items.length; i++) {
    const s = intIn(accJson.items[i], 0, states - 1);
    if (s < 0) return null;
    accepting[s] = 1;
  }
  return new Dfa(classes, classCount, transitions, accepting);
}

/** The JSON number as an integer in [min, max], or min - 1 when it is not one. */
export function intIn(json: JsonValue, min: i32, max: i32): i32 {
  if (!json.isNumber) return min - 1;
  const n = json.num;
  if (n != Math.floor(n) || n < <f64>min || n > <f64>max) return min - 1;
  return <i32>n;
}
