// VirtualService match blocks → model matches (one canonical shape for precedence, linting and
// the filter config). Regexes keep their position for the plan, which compiles them.
import type { HttpMatchSpec, StringMatchSpec, Source } from "../resources/index.ts";
import { joinPath, positionOf } from "../resources/index.ts";
import type { ModelMatch, ModelStringMatch, ModelPathMatch, Located } from "./types.ts";

function located(source: Source, path: string): Located {
  return { ...positionOf(source, path), path };
}

export function stringMatch(m: StringMatchSpec, source: Source, path: string, ignoreCase?: boolean): ModelStringMatch | undefined {
  const ic = ignoreCase ? { ignoreCase: true } : {};
  if (m.exact !== undefined) return { exact: m.exact, ...ic };
  if (m.prefix !== undefined) return { prefix: m.prefix, ...ic };
  if (m.suffix !== undefined) return { suffix: m.suffix, ...ic };
  if (m.regex !== undefined) return { regex: m.regex, ...ic, at: located(source, joinPath(path, "regex")) };
  return undefined;
}

export function modelMatch(spec: HttpMatchSpec, source: Source, path: string): ModelMatch {
  const out: ModelMatch = { at: located(source, path), headers: [], queryParams: [] };
  if (spec.uri) {
    const ic = spec.ignoreUriCase === true && spec.uri.regex === undefined;
    out.path = spec.uri.pathPrefix !== undefined
      ? { pathPrefix: spec.uri.pathPrefix, ...(ic ? { ignoreCase: true } : {}) }
      : stringMatch(spec.uri, source, joinPath(path, "uri"), ic) as ModelPathMatch;
  }
  if (spec.method?.exact !== undefined) out.method = spec.method.exact.toUpperCase();
  else if (spec.method) {
    const m = stringMatch(spec.method, source, joinPath(path, "method"));
    if (m) out.headers.push({ name: ":method", match: m });
  }
  if (spec.authority) {
    const m = stringMatch(spec.authority, source, joinPath(path, "authority"), true);
    if (m) out.headers.push({ name: ":authority", match: "regex" in m ? { ...m, ignoreCase: undefined } : m });
  }
  for (const name of Object.keys(spec.headers ?? {}).sort()) {
    const h = spec.headers![name];
    const p = joinPath(joinPath(path, "headers"), name);
    if (h.present) out.headers.push({ name: name.toLowerCase(), present: true });
    else if (h.absent) out.headers.push({ name: name.toLowerCase(), absent: true });
    else out.headers.push({ name: name.toLowerCase(), match: stringMatch(h, source, p) });
  }
  for (const name of Object.keys(spec.withoutHeaders ?? {}).sort()) {
    const h = spec.withoutHeaders![name];
    const p = joinPath(joinPath(path, "withoutHeaders"), name);
    out.headers.push({ name: name.toLowerCase(), ...(h.present ? { present: true } : { match: stringMatch(h, source, p) }), invert: true });
  }
  for (const name of Object.keys(spec.queryParams ?? {}).sort()) {
    const q = spec.queryParams![name];
    const p = joinPath(joinPath(path, "queryParams"), name);
    out.queryParams.push(q.present ? { name, present: true } : { name, match: stringMatch(q, source, p) });
  }
  return out;
}

/** A match that every request meets: no conditions, or only a `/` prefix path. */
export function isCatchAll(m: ModelMatch): boolean {
  const p = m.path as Record<string, unknown> | undefined;
  const pathAll = !p || ((p.prefix === "/" || p.pathPrefix === "/") && !p.ignoreCase) || p.prefix === "";
  return pathAll && m.method === undefined && m.headers.length === 0 && m.queryParams.length === 0;
}

/** Canonical text of a match (positions left out) to find exact duplicates. */
export function matchKey(m: ModelMatch): string {
  // Only regex matches hold positions below the top: without one, no replacer (a call per value) is needed.
  const { at: _, ...rest } = m;
  const text = JSON.stringify(rest);
  return text.includes('"at":') ? JSON.stringify(m, withoutPositions) : text;
}

function withoutPositions(key: string, value: unknown): unknown {
  return key === "at" ? undefined : value;
}
