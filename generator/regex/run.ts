// Runs a CompiledRegex over bytes exactly as the filter does: full match, linear time.
import type { CompiledRegex } from "../plan/filters/route-match.ts";

export function runCompiledRegex(regex: CompiledRegex, input: Uint8Array | string): boolean {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  let state = 0;
  for (const b of bytes) {
    state = regex.transitions[state * regex.classCount + regex.classes[b]];
    if (state < 0) return false;
  }
  return regex.accepting.includes(state);
}
