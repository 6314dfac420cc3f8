// Envoy's CEL foreign functions for guest.mjs's fixed host, in plain JavaScript (guest.mjs runs
// under valgrind without a TypeScript loader; host/cel-list.ts is the host's version): a list
// of attributes, each bare or guarded `has(a.b) ? a.b : ""|<int>`, and of filter state
// (`"wasm.p" in filter_state ? filter_state["wasm.p"] : ""`, property p), evaluated once at
// expr_create against the fixed properties, so expr_evaluate only hands back bytes. Outside the subset:
// BadArgument (2); an absent unguarded element: InternalFailure (10).
const GUARDED = /^has\(([a-z_]+\.[a-z_]+)\)\s*\?\s*([a-z_.]+)\s*:\s*(""|-?\d+)$/;
const BARE = /^[a-z_]+\.[a-z_]+$/;
const GUARDED_STATE = /^"wasm\.([^"\\]+)"\s+in\s+filter_state\s*\?\s*filter_state\["wasm\.([^"\\]+)"\]\s*:\s*""$/;

function int64(v) {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(BigInt(v));
  return b;
}

/** The list's bytes (header pairs, elements in the key slots), null when an unguarded element is absent, undefined when not in the subset. */
export function evaluateList(text, property) {
  const t = text.trim();
  if (!t.startsWith("[") || !t.endsWith("]")) return undefined;
  const values = [];
  for (const raw of t.slice(1, -1).split(",")) {
    const part = raw.trim();
    const s = GUARDED_STATE.exec(part);
    if (s !== null) {
      if (s[1] !== s[2]) return undefined;
      values.push(property(s[1]) ?? Buffer.alloc(0));
      continue;
    }
    const g = GUARDED.exec(part);
    if (g === null && !BARE.test(part)) return undefined;
    if (g !== null && g[1] !== g[2]) return undefined;
    const path = g === null ? part : g[1];
    const v = property(path.replace(".", "\0")) ?? (g === null ? null : g[3] === '""' ? Buffer.alloc(0) : int64(g[3]));
    if (v === null) return null;
    values.push(v);
  }
  const out = Buffer.alloc(4 + values.length * 8 + values.reduce((s, v) => s + v.length + 2, 0));
  out.writeUInt32LE(values.length, 0);
  let pos = 4 + values.length * 8;
  values.forEach((v, i) => {
    out.writeUInt32LE(v.length, 4 + i * 8);
    v.copy(out, pos);
    pos += v.length + 2;
  });
  return out;
}
