// YAML text → plain documents with source positions. Never throws: syntax errors, alias bombs,
// oversized or too deeply nested input all become positioned diagnostics.
import { LineCounter, parseAllDocuments } from "yaml";
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";
import { indexPositions } from "./positions.ts";
import { fastParseYaml } from "./fast-yaml.ts";
import type { Source } from "./types.ts";

export const LIMITS = { maxFileBytes: 8 * 1024 * 1024, maxDepth: 64, maxAliases: 100, maxNodes: 2_000_000 };

export interface ParsedDocument {
  value: unknown;
  source: Source;
}

/** `full` skips the fast reader (fast-yaml.ts): tests compare the two. */
export function parseYamlFile(file: string, text: string, options: { full?: boolean } = {}): { documents: ParsedDocument[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (text.length > LIMITS.maxFileBytes) {
    return { documents: [], diagnostics: [diagnostic("WM023", { file, line: 1, column: 1 }, "",
      `file is ${text.length} bytes; expected at most ${LIMITS.maxFileBytes}`)] };
  }
  const fast = options.full ? undefined : fastParseYaml(text);
  if (fast) {
    const documents: ParsedDocument[] = [];
    fast.forEach((d, index) => {
      if (d.value === null) return;
      const [line, column] = d.positions.places;
      documents.push({ value: d.value, source: { file, document: index, line, column, positions: d.positions } });
    });
    return { documents, diagnostics };
  }
  const lines = new LineCounter();
  let docs;
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (err) {
    return { documents: [], diagnostics: [diagnostic("WM005", { file, line: 1, column: 1 }, "", `cannot parse YAML: ${(err as Error).message}`)] };
  }
  const list = Array.isArray(docs) ? docs : [];
  const documents: ParsedDocument[] = [];
  list.forEach((doc, index) => {
    const start = lines.linePos(doc.range?.[0] ?? 0);
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const pos = lines.linePos(e.pos[0]);
        // The parser runs out of stack on absurdly deep nesting: a size problem, not a syntax one.
        const tooDeep = /call stack/i.test(e.message);
        diagnostics.push(tooDeep
          ? diagnostic("WM023", { file, line: pos.line, column: pos.col }, "", `document is nested too deeply to parse; expected at most ${LIMITS.maxDepth} levels`)
          : diagnostic("WM005", { file, line: pos.line, column: pos.col }, "", `${firstLine(e.message)}; expected well-formed YAML`));
      }
      return;
    }
    const depth = nodeDepth(doc.contents, LIMITS.maxDepth + 1);
    if (depth > LIMITS.maxDepth) {
      diagnostics.push(diagnostic("WM023", { file, line: start.line, column: start.col }, "",
        `document is nested more than ${LIMITS.maxDepth} levels deep; expected at most ${LIMITS.maxDepth}`));
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: LIMITS.maxAliases });
    } catch (err) {
      diagnostics.push(diagnostic("WM023", { file, line: start.line, column: start.col }, "",
        `${firstLine((err as Error).message)}; expected at most ${LIMITS.maxAliases} alias expansions`));
      return;
    }
    if (value === null || value === undefined) return; // an empty document (e.g. a trailing ---)
    const positions = indexPositions(doc.contents, lines, LIMITS.maxNodes);
    const root = positions.places[0] > 0 ? positions.places : [start.line, start.col];
    documents.push({ value, source: { file, document: index, line: root[0], column: root[1], positions } });
  });
  for (const w of list.flatMap((d) => d.warnings)) {
    const pos = lines.linePos(w.pos[0]);
    diagnostics.push(diagnostic("WM005", { file, line: pos.line, column: pos.col }, "", `${firstLine(w.message)}; expected well-formed YAML`));
  }
  return { documents, diagnostics };
}

function firstLine(s: string): string {
  return s.split("\n")[0];
}

/** Depth of the node tree, counting stops once `cap` is exceeded (no recursion on hostile input). */
function nodeDepth(root: unknown, cap: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > cap) return max;
    const items = (node as { items?: unknown[] } | null)?.items;
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const pair = item as { key?: unknown; value?: unknown };
      if (pair && typeof pair === "object" && "value" in pair && "key" in pair) stack.push([pair.value, d + 1]);
      else stack.push([item, d + 1]);
    }
  }
  return max;
}
