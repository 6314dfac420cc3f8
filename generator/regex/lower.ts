// Lowers a RegexNode to refa's AST over bytes (maxCharacter 255): in Latin-1 mode a character is
// a byte. Anchors are resolved here:
// under full-match semantics `^`/`\A` at the start and `$`/`\z` at the end match the empty string;
// anywhere else they are reported, since a DFA over bytes cannot express them.
import { CharSet, type Concatenation, type Element, type NoParent } from "refa";
import { RegexError, type Range, type RegexNode } from "./ast.ts";

type Concat = NoParent<Concatenation>;
type Elem = NoParent<Element>;

export function lowerToBytes(node: RegexNode): Concat[] {
  return alternativesOf(node, true, true);
}

function alternativesOf(node: RegexNode, atStart: boolean, atEnd: boolean): Concat[] {
  if (node.kind === "alt") return node.alternatives.map((a) => concat(lower(a, atStart, atEnd)));
  return [concat(lower(node, atStart, atEnd))];
}

function lower(node: RegexNode, atStart: boolean, atEnd: boolean): Elem[] {
  switch (node.kind) {
    case "chars":
      return [charsElement(node.ranges)];
    case "bytes":
      return [byteClass(node.ranges)];
    case "begin":
      if (!atStart) throw new RegexError("'^' and '\\A' are only supported at the start of the expression", node.offset);
      return [];
    case "end":
      if (!atEnd) throw new RegexError("'$' and '\\z' are only supported at the end of the expression", node.offset);
      return [];
    case "alt":
      return [{ type: "Alternation", alternatives: alternativesOf(node, atStart, atEnd) }];
    case "repeat": {
      const once = node.max <= 1;
      const alternatives = alternativesOf(node.item, atStart && once, atEnd && once);
      return [{ type: "Quantifier", lazy: false, min: node.min, max: node.max, alternatives }];
    }
    case "concat": {
      const out: Elem[] = [];
      node.items.forEach((item, i) => {
        const start = atStart && node.items.slice(0, i).every(onlyAnchors);
        const end = atEnd && node.items.slice(i + 1).every(onlyAnchors);
        out.push(...lower(item, start, end));
      });
      return out;
    }
  }
}

function onlyAnchors(node: RegexNode): boolean {
  if (node.kind === "begin" || node.kind === "end") return true;
  if (node.kind === "concat") return node.items.every(onlyAnchors);
  if (node.kind === "alt") return node.alternatives.every(onlyAnchors);
  return false;
}

function concat(elements: Elem[]): Concat {
  return { type: "Concatenation", elements };
}

function byteClass(ranges: readonly Range[]): Elem {
  return { type: "CharacterClass", characters: CharSet.empty(255).union(ranges.map(([min, max]) => ({ min, max }))) };
}

function charsElement(ranges: readonly Range[]): Elem {
  return byteClass(ranges);
}
