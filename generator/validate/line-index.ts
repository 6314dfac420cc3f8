// Where each line of a text starts and how far it is indented (EmittedYamlReader's view of a
// text). Text the emitter wrote in pieces (whole lines each; the parts bootstraps share come as
// pieces of their own) is indexed piece by piece, each distinct piece once, and the reader may
// then recognise a shared part by its piece instead of hashing its text again.

/** Line starts (relative) and indents of a text of whole lines; -1 marks an empty line. */
export interface PieceLines {
  starts: Int32Array;
  indents: Int32Array;
}

export interface LineIndex {
  /** Lines, the empty one after the final newline included. */
  count: number;
  /** count + 1 entries: the last is one past the text's end. */
  starts: Int32Array;
  indents: Int32Array;
  /** For a line where a piece begins, the piece's number + 1; else 0. */
  pieceAt: Int32Array;
  /** The line after each piece. */
  pieceEnds: Int32Array;
  pieces: string[];
}

/** The lines of `s`, which ends with a newline. */
function linesOf(s: string): PieceLines {
  let count = 0;
  for (let at = s.indexOf("\n"); at >= 0; at = s.indexOf("\n", at + 1)) count++;
  const starts = new Int32Array(count), indents = new Int32Array(count);
  let offset = 0;
  for (let j = 0; j < count; j++) {
    const next = s.indexOf("\n", offset);
    let n = 0;
    while (s.charCodeAt(offset + n) === 32) n++;
    starts[j] = offset;
    indents[j] = offset === next ? -1 : n;
    offset = next + 1;
  }
  return { starts, indents };
}

/**
 * Indexes `text`; `pieces` (optional) are used only when they are whole lines that join to
 * `text` (checked: the reader then trusts a piece it has read before). `known` keeps each distinct piece's lines between calls.
 */
export function indexLines(text: string, pieces: string[] | undefined, known: Map<string, PieceLines>): LineIndex {
  const parts = pieces && joinTo(pieces, text) ? pieces : [];
  const lines: PieceLines[] = new Array(parts.length + 1);
  let count = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    let l = known.get(p);
    if (!l) {
      if (known.size > 100_000) known.clear();
      known.set(p, l = linesOf(p));
    }
    lines[k] = l;
    count += l.starts.length;
  }
  // The last line: the empty one after the final newline, or all of a text given without pieces.
  const rest = parts.length ? "\n" : `${text}\n`;
  lines[parts.length] = linesOf(rest);
  count += lines[parts.length].starts.length;
  const starts = new Int32Array(count + 1), indents = new Int32Array(count), pieceAt = new Int32Array(count);
  const pieceEnds = new Int32Array(parts.length);
  let line = 0, offset = 0;
  for (let k = 0; k <= parts.length; k++) {
    const l = lines[k];
    const n = l.starts.length;
    for (let j = 0; j < n; j++) starts[line + j] = l.starts[j] + offset;
    indents.set(l.indents, line);
    if (k < parts.length) {
      pieceAt[line] = k + 1;
      pieceEnds[k] = line + n;
      offset += parts[k].length;
    }
    line += n;
  }
  starts[count] = parts.length ? text.length + 1 : rest.length;
  return { count, starts, indents, pieceAt, pieceEnds, pieces: parts };
}

/** Whether `pieces` are whole lines that join to `text`. */
function joinTo(pieces: string[], text: string): boolean {
  let at = 0;
  for (const p of pieces) {
    if (p.length === 0 || p.charCodeAt(p.length - 1) !== 10 || text.slice(at, at + p.length) !== p) return false;
    at += p.length;
  }
  return at === text.length && pieces.length > 0;
}
