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

/** `a.b[0]["x.y"]` → ["a", "b", 0, "x.y"]: joinPath's spelling read back; undefined if it is not one. */
function segmentsOf(path: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  let i = 0;
  try {
    while (i < path.length) {
      const c = path.charCodeAt(i);
      if (c === 34 && i === 0) { // a first key that is no identifier: "x.y"
        const end = quoteEnd(path, 0);
        if (end < 0) return undefined;
        out.push(JSON.parse(path.slice(0, end)) as string);
        i = end;
      } else if (c === 91 && path.charCodeAt(i + 1) === 34) { // ["x.y"]
        const end = quoteEnd(path, i + 1);
        if (end < 0 || path.charCodeAt(end) !== 93) return undefined;
        out.push(JSON.parse(path.slice(i + 1, end)) as string);
        i = end + 1;
      } else if (c === 91) { // [3]
        const end = path.indexOf("]", i);
        if (end < 0) return undefined;
        out.push(Number(path.slice(i + 1, end)));
        i = end + 1;
      } else {
        if (c === 46) i++;
        let e = i;
        while (e < path.length && path.charCodeAt(e) !== 46 && path.charCodeAt(e) !== 91) e++;
        out.push(path.slice(i, e));
        i = e;
      }
    }
  } catch {
    return undefined; // a quoted key that is not JSON
  }
  return out;
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

/** [line, column] of the field at `path`, or of its nearest ancestor with a place. */
function placeOf(positions: Positions, path: string): [number, number] | undefined {
  const { keys, ends, places } = positions;
  if (keys.length === 0) return undefined;
  const segments = path === "" ? [] : segmentsOf(path);
  let field = 0;
  let found = places[0] > 0 ? 0 : -1;
  for (const seg of segments ?? []) {
    let child = field + 1;
    while (child < ends[field] && keys[child] !== seg) child = ends[child];
    if (child >= ends[field]) break;
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
