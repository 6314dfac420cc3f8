// String conditions of the filter contracts (StringMatch): exact, prefix, suffix, regex (DFA),
// each over bytes; exact/prefix/suffix may ignore ASCII case.
import { JsonValue } from "../json/value";
import { utf8 } from "../bytes";
import { bytesEqualN, lowerCopy } from "./ascii";
import { Dfa, decodeDfa } from "./dfa";

export enum MatchKind { Exact, Prefix, Suffix, Regex }

export class StringMatcher {
  constructor(
    readonly kind: MatchKind,
    /** The literal (lower-cased when ignoreCase); empty for Regex. */
    readonly value: ArrayBuffer,
    readonly ignoreCase: bool,
    readonly dfa: Dfa | null,
  ) {}

  matches(ptr: usize, len: usize): bool {
    const want = <usize>this.value.byteLength;
    const v = changetype<usize>(this.value);
    switch (this.kind) {
      case MatchKind.Exact: return len == want && bytesEqualN(ptr, v, len, this.ignoreCase);
      case MatchKind.Prefix: return len >= want && bytesEqualN(ptr, v, want, this.ignoreCase);
      case MatchKind.Suffix: return len >= want && bytesEqualN(ptr + len - want, v, want, this.ignoreCase);
      default: return this.dfa!.matches(ptr, len);
    }
  }
}

/** Decodes a StringMatch object (exactly one of exact/prefix/suffix/regex); null when invalid. */
export function decodeStringMatch(json: JsonValue): StringMatcher | null {
  if (!json.isObject || !json.onlyKeys(["exact", "prefix", "suffix", "regex", "ignoreCase"])) return null;
  let ignoreCase = false;
  const ic = json.get("ignoreCase");
  if (ic !== null) {
    if (!ic.isBool) return null;
    ignoreCase = ic.bool;
  }
  const kinds = ["exact", "prefix", "suffix", "regex"];
  let found = -1;
  for (let i = 0; i < kinds.length; i++) {
    if (json.has(kinds[i])) {
      if (found >= 0) return null;
      found = i;
    }
  }
  if (found < 0) return null;
  const value = json.get(kinds[found])!;
  if (found == 3) {
    if (ic !== null) return null; // a regex says its own case rules
    const dfa = decodeDfa(value);
    return dfa === null ? null : new StringMatcher(MatchKind.Regex, new ArrayBuffer(0), false, dfa);
  }
  if (!value.isString) return null;
  const bytes = utf8(value.str);
  return new StringMatcher(<MatchKind>found, ignoreCase ? lowerCopy(bytes) : bytes, ignoreCase, null);
}
