// The part of CEL that Envoy's expr_create / expr_evaluate foreign functions get from our
// filters: a list of attributes, each bare (`a.b`) or guarded (`has(a.b) ? a.b : ""`, or an
// integer literal), and of values other plugins set with proxy_set_property, which Envoy keeps as
// filter state "wasm.<path>" (`filter_state["wasm.p"]`, guarded `"wasm.p" in filter_state ?
// filter_state["wasm.p"] : ""`). Anything else is refused, as Envoy refuses what does not parse, so a filter
// falls back to its per-property reads. Evaluation follows Envoy: each element is the attribute's
// proxy_get_property bytes, the list is header pairs with elements in the key slots and empty
// values, and one absent unguarded element fails the whole list.
import { encodePairs } from "./abi/pairs.ts";
import { int64 } from "./properties.ts";

export interface CelListElement {
  /** An attribute's path, or ["filter_state", <proxy_set_property path>]. */
  path: string[];
  /** Bytes when the attribute is absent; null: unguarded. */
  absent: Buffer | null;
}

/** Roots of Envoy's attributes that hold leaf values here (whole maps are not elements). */
const ROOTS = new Set(["request", "response", "source", "destination", "connection", "upstream", "xds"]);
const ATTRIBUTE = /^([a-z_]+)\.([a-z_]+)$/;
const GUARDED = /^has\(([a-z_.]+)\)\s*\?\s*([a-z_.]+)\s*:\s*(""|-?\d+)$/;
const STATE = /^filter_state\["wasm\.([^"\\]+)"\]$/;
const GUARDED_STATE = /^"wasm\.([^"\\]+)"\s+in\s+filter_state\s*\?\s*(.+?)\s*:\s*""$/;

function attribute(text: string): string[] | null {
  const m = ATTRIBUTE.exec(text);
  if (m === null || !ROOTS.has(m[1]) || m[2] === "headers" || m[2] === "trailers") return null;
  return [m[1], m[2]];
}

/** The elements of a list in the subset, or null (Envoy's BadArgument for a parse error). */
export function parseCelList(text: string): CelListElement[] | null {
  const t = text.trim();
  if (!t.startsWith("[") || !t.endsWith("]")) return null;
  const inner = t.slice(1, -1).trim();
  if (inner === "") return [];
  const out: CelListElement[] = [];
  for (const raw of inner.split(",")) {
    const part = raw.trim();
    const gs = GUARDED_STATE.exec(part);
    if (gs !== null) {
      if (STATE.exec(gs[2])?.[1] !== gs[1]) return null;
      out.push({ path: ["filter_state", gs[1]], absent: Buffer.alloc(0) });
      continue;
    }
    const state = STATE.exec(part);
    if (state !== null) {
      out.push({ path: ["filter_state", state[1]], absent: null });
      continue;
    }
    const g = GUARDED.exec(part);
    if (g !== null) {
      const path = attribute(g[1]);
      if (path === null || g[1] !== g[2]) return null;
      out.push({ path, absent: g[3] === '""' ? Buffer.alloc(0) : int64(BigInt(g[3])) });
      continue;
    }
    const path = attribute(part);
    if (path === null) return null;
    out.push({ path, absent: null });
  }
  return out;
}

/** The list's bytes, or null when an unguarded element is absent (Envoy: InternalFailure). */
export function evaluateCelList(list: CelListElement[], lookup: (path: string[]) => Buffer | null): Buffer | null {
  const values: [string, string][] = [];
  for (const { path, absent } of list) {
    const v = lookup(path) ?? absent;
    if (v === null) return null;
    values.push([v.toString("latin1"), ""]);
  }
  return encodePairs(values);
}
