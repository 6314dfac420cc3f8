// The parsed form of an RE2 expression, before it is lowered to bytes. Code-point sets are
// sorted, non-overlapping inclusive ranges; `bytes` holds raw byte sets (from `\C`).

export type Range = readonly [number, number];

export type RegexNode =
  | { kind: "chars"; ranges: Range[] }
  | { kind: "bytes"; ranges: Range[] }
  | { kind: "concat"; items: RegexNode[] }
  | { kind: "alt"; alternatives: RegexNode[] }
  | { kind: "repeat"; min: number; max: number; item: RegexNode }
  | { kind: "begin"; offset: number }
  | { kind: "end"; offset: number };

export const MAX_CODE_POINT = 0x10ffff;
/** Envoy runs RE2 in Latin-1 mode (verified on 1.40): one character per byte, 0x00–0xFF. */
export const MAX_CHAR = 0xff;

export class RegexError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

export const EMPTY: RegexNode = { kind: "concat", items: [] };
