// Route order per host. first-match keeps list order (VirtualServices bound to one host are
// concatenated oldest first, then by namespace/name). most-specific ranks every match of every
// rule by the Gateway API's precedence: exact path > regex path > longest prefix (Envoy Gateway
// ranks regex between exact and prefix; the Gateway API leaves regex to implementations) > method
// > most header matches > most query matches > oldest creationTimestamp > namespace/name.
import type { ModelMatch, ModelRoute } from "./types.ts";

interface Ranked {
  route: ModelRoute;
  match?: ModelMatch;
  vsKey: string;
  ruleIndex: number;
  matchIndex: number;
}

function pathRank(m: ModelMatch | undefined): [number, number] {
  const p = m?.path as Record<string, any> | undefined;
  if (!p) return [1, 1];
  if (p.exact !== undefined) return [3, p.exact.length];
  if (p.regex !== undefined) return [2, p.regex.length];
  if (p.prefix !== undefined) return [1, p.prefix.length];
  if (p.pathPrefix !== undefined) return [1, p.pathPrefix.length];
  if (p.suffix !== undefined) return [1, p.suffix.length];
  return [1, 1];
}

function compare(a: Ranked, b: Ranked): number {
  const [ak, al] = pathRank(a.match), [bk, bl] = pathRank(b.match);
  return (bk - ak) || (bl - al)
    || (Number(b.match?.method !== undefined) - Number(a.match?.method !== undefined))
    || ((b.match?.headers.length ?? 0) - (a.match?.headers.length ?? 0))
    || ((b.match?.queryParams.length ?? 0) - (a.match?.queryParams.length ?? 0))
    || cmp(a.route.creationTimestamp ?? "", b.route.creationTimestamp ?? "")
    || cmp(a.vsKey, b.vsKey) || (a.ruleIndex - b.ruleIndex) || (a.matchIndex - b.matchIndex);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function vsKeyOf(route: ModelRoute): string {
  return route.id.split("/").slice(1, 3).join("/");
}

/** Orders VirtualServices for first-match: oldest first, then namespace/name. */
export function firstMatchOrder(routes: ModelRoute[]): ModelRoute[] {
  // Each route's keys worked out once, not at every comparison.
  const keyed = routes.map((route) => ({ route, vsKey: vsKeyOf(route), ruleIndex: ruleIndex(route) }));
  keyed.sort((a, b) => cmp(a.route.creationTimestamp ?? "", b.route.creationTimestamp ?? "")
    || cmp(a.vsKey, b.vsKey) || a.ruleIndex - b.ruleIndex);
  return keyed.map((k) => k.route);
}

function ruleIndex(r: ModelRoute): number {
  return Number(/\/r(\d+)$/.exec(r.id)?.[1] ?? 0);
}

/** Splits rules into one entry per match, ranks them, and merges neighbours of the same rule. */
export function mostSpecificOrder(routes: ModelRoute[]): ModelRoute[] {
  const entries: Ranked[] = routes.flatMap((route) => {
    const base = { route, vsKey: vsKeyOf(route), ruleIndex: ruleIndex(route) };
    return route.matches.length === 0 ? [{ ...base, matchIndex: 0 }]
      : route.matches.map((match, matchIndex) => ({ ...base, match, matchIndex }));
  });
  entries.sort(compare);
  const out: ModelRoute[] = [];
  for (const e of entries) {
    const last = out[out.length - 1];
    if (last && last.id === e.route.id) {
      if (e.match) last.matches.push(e.match);
      continue;
    }
    out.push({ ...e.route, matches: e.match ? [e.match] : [] });
  }
  return out;
}
