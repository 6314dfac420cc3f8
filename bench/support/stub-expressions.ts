// Envoy's CEL foreign functions on a stub host's fixed facts: expr_create parses the attribute
// list (host/cel-list.ts) and evaluates it once against the properties (filter_state["wasm.p"]
// is property p, as Envoy keeps proxy_set_property values), expr_evaluate hands back
// those bytes, as proxy_get_property hands back precomputed values. Outside the subset:
// BadArgument; an absent unguarded element: InternalFailure, as in Envoy.
import { parseCelList, evaluateCelList } from "../../host/cel-list.ts";
import { hashOf, type GuestMemory } from "./guest-memory.ts";

const CREATE = hashOf("expr_create"), EVALUATE = hashOf("expr_evaluate"), DELETE = hashOf("expr_delete");

/** proxy_call_foreign_function for the properties (path segments joined by "\0" → bytes). */
export function stubForeignFunction(g: GuestMemory, memory: () => WebAssembly.Memory, properties: Map<string, Buffer>) {
  const results = new Map<number, Buffer | null>();
  let next = 0;
  return (np: number, nl: number, ap: number, al: number, rp: number, rl: number): number => {
    const name = g.hashAt(np, nl);
    if (name === CREATE) {
      const list = parseCelList(Buffer.from(memory().buffer, ap, al).toString("utf8"));
      if (list === null) return 2;
      results.set(next, evaluateCelList(list, (path) => properties.get(path[0] === "filter_state" ? path[1] : path.join("\0")) ?? null));
      const token = Buffer.alloc(4);
      token.writeUInt32LE(next++);
      return g.give(token, rp, rl);
    }
    if (name !== EVALUATE && name !== DELETE) return 1;
    const token = al === 4 ? g.view().getUint32(ap, true) : -1;
    const value = results.get(token);
    if (value === undefined) return 1;
    if (name === DELETE) {
      results.delete(token);
      return 0;
    }
    return value === null ? 10 : g.give(value, rp, rl);
  };
}
