// Maps every node of a YAML document to its line and column, so later stages (which see plain
// data only) can still point at the exact place of a problem by its field path.
import { isMap, isSeq, isScalar, type LineCounter, type Node, type Pair } from "yaml";
import type { Position } from "../diagnostics/index.ts";
import type { Positions, Source } from "./types.ts";

/** `spec.http[0].route` + `weight` → `spec.http[0].route.weight`; numbers become `[i]`. */
const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

export function joinPath(base: string, segment: string | number): string {
  if (typeof segment === "number") return `${base}[${segment}]`;
  const safe = IDENTIFIER.test(segment) ? segment : JSON.stringify(segment);
  return base ? (safe === segment ? `${base}.${segment}` : `${base}[${safe}]`) : safe;
}

/**
 * Builds a Positions: `open` a field (key or index) where it starts, `close` it after its value
 * and everything inside it.
 */
export class PositionsBuilder {
  readonly positions: Positions = { keys: [], ends: [], places: [] };

  open(key: string | number, line: number, column: number): number {
    const p = this.positions;
    p.keys.push(key);
    p.ends.push(0);
    p.places.push(line, column);
    return p.keys.length - 1;
  }

  close(field: number): void {
    this.positions.ends[field] = this.positions.keys.length;
  }
}

export function indexPositions(root: unknown, lines: LineCounter, maxNodes = 1_000_000): Positions {
  const out = new PositionsBuilder();
  let budget = maxNodes;
  const at = (node: unknown): [number, number] => {
    const range = (node as Node | null)?.range;
    if (!range) return [0, 0];
    const p = lines.linePos(range[0]);
    return [p.line, p.col];
  };
  const field = (key: string | number, place: [number, number], value: unknown, depth: number) => {
    const f = out.open(key, place[0], place[1]);
    walk(value, depth + 1);
    out.close(f);
  };
  const walk = (node: unknown, depth: number): void => {
    if (--budget < 0 || depth > 200) return;
    if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const place = at(pair.key);
        field(key, place[0] > 0 ? place : at(pair.value), pair.value, depth);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => field(i, at(item), item, depth));
    }
  };
  const f = out.open("", ...at(root));
  walk(root, 0);
  out.close(f);
  return out.positions;
}

/** The index after the JSON string that opens at `from`, or -1. */
function quoteEnd(s: string, from: number): number {
  for (let j = from + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 92) j++;
    else if (c === 34) return j + 1;
  }
  return -1;
}

/**
 * [line, column] of the field at `path` (as joinPath spells it: `a.b[0]["x.y"]`), or of its
 * nearest ancestor with a place. The tree is walked one segment at a time, each read in place
 * (only a quoted key is sliced out of the path).
 */
function placeOf(positions: Positions, path: string): [number, number] | undefined {
  const { keys, ends, places } = positions;
  if (keys.length === 0) return undefined;
  let field = 0;
  let found = places[0] > 0 ? 0 : -1;
  let i = 0;
  while (i < path.length) {
    const c = path.charCodeAt(i);
    let seg: string | number | undefined; // undefined: a name, at path[from, i)
    let from = i;
    if (c === 91 && path.charCodeAt(i + 1) !== 34) { // [3]
      let n = 0;
      for (i++; i < path.length && path.charCodeAt(i) !== 93; i++) {
        const d = path.charCodeAt(i) - 48;
        n = d >= 0 && d <= 9 && n >= 0 ? n * 10 + d : -1;
      }
      seg = n;
      i++;
    } else if (c === 34 || c === 91) { // "x.y" (a first key that is no identifier) or ["x.y"]
      const open = c === 34 ? i : i + 1;
      const close = quoteEnd(path, open);
      if (close < 0 || (c === 91 && path.charCodeAt(close) !== 93)) break;
      try {
        seg = JSON.parse(path.slice(open, close)) as string;
      } catch {
        break;
      }
      i = c === 34 ? close : close + 1;
    } else {
      if (c === 46) i++;
      from = i;
      while (i < path.length && path.charCodeAt(i) !== 46 && path.charCodeAt(i) !== 91) i++;
    }
    const end = ends[field];
    let child = field + 1;
    if (seg === undefined) {
      const length = i - from;
      for (; child < end; child = ends[child]) {
        const k = keys[child];
        if (typeof k === "string" && k.length === length && path.startsWith(k, from)) break;
      }
    } else {
      while (child < end && keys[child] !== seg) child = ends[child];
    }
    if (child >= end) break;
    field = child;
    if (places[2 * field] > 0) found = field;
  }
  return found < 0 ? undefined : [places[2 * found], places[2 * found + 1]];
}

/** The position of a field, or of its nearest ancestor that exists (a missing field's parent). */
export function positionOf(source: Source, path: string): Position {
  const hit = placeOf(source.positions, path);
  if (hit) return { file: source.file, line: hit[0], column: hit[1] };
  return { file: source.file, line: source.line, column: source.column };
}
