// Maps every node of a YAML document to its line and column, keyed by field path, so later
// stages (which see plain data only) can still point at the exact place of a problem.
import { isMap, isSeq, isScalar, type LineCounter, type Node, type Pair } from "yaml";
import type { Position } from "../diagnostics/index.ts";
import type { Source } from "./types.ts";

/** `spec.http[0].route` + `weight` → `spec.http[0].route.weight`; numbers become `[i]`. */
const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

export function joinPath(base: string, segment: string | number): string {
  if (typeof segment === "number") return `${base}[${segment}]`;
  const safe = IDENTIFIER.test(segment) ? segment : JSON.stringify(segment);
  return base ? (safe === segment ? `${base}.${segment}` : `${base}[${safe}]`) : safe;
}

export function indexPositions(root: unknown, lines: LineCounter, maxNodes = 1_000_000):
    Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  let budget = maxNodes;
  const at = (node: unknown): [number, number] | undefined => {
    const range = (node as Node | null)?.range;
    if (!range) return undefined;
    const p = lines.linePos(range[0]);
    return [p.line, p.col];
  };
  const walk = (node: unknown, path: string, depth: number): void => {
    if (--budget < 0 || depth > 200) return;
    if (isMap(node)) {
      for (const pair of node.items as Pair[]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const p = joinPath(path, key);
        const pos = at(pair.key) ?? at(pair.value);
        if (pos && !(p in out)) out[p] = pos;
        walk(pair.value, p, depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const p = joinPath(path, i);
        const pos = at(item);
        if (pos) out[p] = pos;
        walk(item, p, depth + 1);
      });
    }
  };
  const rootPos = at(root);
  if (rootPos) out[""] = rootPos;
  walk(root, "", 0);
  return out;
}

/** The position of a field, or of its nearest ancestor that exists (a missing field's parent). */
export function positionOf(source: Source, path: string): Position {
  let p = path;
  for (;;) {
    const hit = source.positions[p];
    if (hit) return { file: source.file, line: hit[0], column: hit[1] };
    if (p === "") return { file: source.file, line: source.line, column: source.column };
    p = parentPath(p);
  }
}

export function parentPath(path: string): string {
  const m = /^(.*?)(\.[^.[\]]+|\[[^\]]*\]|\["(?:[^"\\]|\\.)*"\])$/.exec(path);
  return m ? m[1] : "";
}
