// compileRegex: an RE2 expression → a minimal byte-level DFA with full-match semantics, as the
// route-match filter runs it (generator/plan/filters/route-match.ts, CompiledRegex).
import { DFA, NFA, TooManyNodesError } from "refa";
import type { CompiledRegex } from "../plan/filters/route-match.ts";
import { RegexError } from "./ast.ts";
import { lowerToBytes } from "./lower.ts";
import { parseRe2 } from "./parse.ts";
import { dfaToTables } from "./tables.ts";

/** The most DFA states a compiled expression may have (after minimization). */
export const MAX_DFA_STATES = 2000;
/** Bounds for the intermediate automata, so a pathological expression fails fast. */
const MAX_NFA_NODES = 20_000;
const MAX_DFA_BUILD_NODES = 20_000;

export interface CompileOptions {
  /** Case-insensitive, as `(?i)` in Envoy's Latin-1 RE2: ASCII letters fold. */
  ignoreCase?: boolean;
}

export type CompileResult = { ok: true; regex: CompiledRegex } | { ok: false; message: string; offset?: number };

export function compileRegex(source: string, options: CompileOptions = {}): CompileResult {
  try {
    const alternatives = lowerToBytes(parseRe2(source, options.ignoreCase ?? false));
    const nfa = NFA.fromRegex(alternatives, { maxCharacter: 255 }, { assertions: "throw", unknowns: "throw" }, new NFA.LimitedNodeFactory(MAX_NFA_NODES));
    const dfa = DFA.fromFA(nfa, new DFA.LimitedNodeFactory(MAX_DFA_BUILD_NODES));
    dfa.minimize();
    const tables = dfaToTables(dfa);
    const states = tables.transitions.length / tables.classCount;
    if (states > MAX_DFA_STATES) return tooLarge(`${states} states`);
    return { ok: true, regex: { source, ...tables } };
  } catch (error) {
    if (error instanceof RegexError) return { ok: false, message: error.message, offset: error.offset };
    if (error instanceof TooManyNodesError) return tooLarge(`more than ${MAX_DFA_BUILD_NODES} automaton nodes while building`);
    throw error;
  }
}

function tooLarge(detail: string): CompileResult {
  return { ok: false, message: `regular expression is too complex for the route DFA (${detail}; the limit is ${MAX_DFA_STATES} states)` };
}
