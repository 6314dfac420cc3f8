// A rule's path gate: bytes that every request the rule matches has at the start of its judged
// path, because each of its operations needs one of its `paths` to match and each of those
// patterns starts with them. Rules keyed on path prefixes are the common case, and a request
// fails most of them on the first bytes, so decide.ts tests the gate before evaluating the rule
// (a necessary condition only: a passed gate still evaluates the whole rule).
import { sameBytes } from "./item";
import { Operation } from "./model";

/** The gate of a rule with these operations, or null when it has none (no operation, an
 * operation without `paths`, or patterns with no common leading bytes). */
export function pathGate(operations: Operation[]): ArrayBuffer | null {
  if (operations.length == 0) return null;
  let gate: ArrayBuffer | null = null;
  let n = 0;
  for (let i = 0; i < operations.length; i++) {
    const paths = operations[i].paths;
    if (paths === null || paths.length == 0) return null;
    for (let j = 0; j < paths.length; j++) {
      const prefix = paths[j].requiredPrefix();
      if (gate === null) { gate = prefix; n = prefix.byteLength; continue; }
      n = min(n, prefix.byteLength);
      let k = 0;
      while (k < n && load<u8>(changetype<usize>(gate) + k) == load<u8>(changetype<usize>(prefix) + k)) k++;
      n = k;
    }
  }
  if (gate === null || n == 0) return null;
  return gate.slice(0, n);
}

/** Whether the path at [ptr, ptr+len) passes `gate` (null: no gate, always). */
@inline export function passesGate(gate: ArrayBuffer | null, ptr: usize, len: usize): bool {
  if (gate === null) return true;
  const n = <usize>gate.byteLength;
  return len >= n && sameBytes(ptr, changetype<usize>(gate), n);
}
