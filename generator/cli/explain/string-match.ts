// The route-match filter's string conditions, evaluated the way its config contract describes:
// ASCII case folding for ignoreCase, regexes as the compiled DFA with full-match semantics.
import type { CompiledRegex, PathMatch, StringMatch } from "../../plan/filters/route-match.ts";

const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** Runs the generator-compiled DFA over the UTF-8 bytes of `value`. */
export function dfaMatches(re: CompiledRegex, value: string): boolean {
  let state = 0;
  for (const byte of Buffer.from(value, "utf8")) {
    state = re.transitions[state * re.classCount + re.classes[byte]];
    if (state < 0) return false;
  }
  return re.accepting.includes(state);
}

export function stringMatches(m: StringMatch, value: string): boolean {
  if ("regex" in m) return dfaMatches(m.regex, value);
  const fold = m.ignoreCase ? lower : (s: string) => s;
  if ("exact" in m) return fold(value) === fold(m.exact);
  if ("prefix" in m) return fold(value).startsWith(fold(m.prefix));
  return fold(value).endsWith(fold(m.suffix));
}

export function pathMatches(m: PathMatch, path: string): boolean {
  if (!("pathPrefix" in m)) return stringMatches(m, path);
  const fold = m.ignoreCase ? lower : (s: string) => s;
  const prefix = fold(m.pathPrefix).replace(/\/+$/, "");
  const p = fold(path);
  return prefix === "" || p === prefix || p.startsWith(prefix + "/");
}

export function describeMatch(m: StringMatch | PathMatch): string {
  const ic = (m as { ignoreCase?: boolean }).ignoreCase ? " (ignoring case)" : "";
  if ("regex" in m) return `regex ${JSON.stringify(m.regex.source)}`;
  if ("exact" in m) return `exact ${JSON.stringify(m.exact)}${ic}`;
  if ("prefix" in m) return `prefix ${JSON.stringify(m.prefix)}${ic}`;
  if ("suffix" in m) return `suffix ${JSON.stringify(m.suffix)}${ic}`;
  return `path prefix ${JSON.stringify(m.pathPrefix)}${ic}`;
}
