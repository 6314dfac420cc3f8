// Routes that can never match: a rule after a catch-all (first-match order), and a match that
// repeats an earlier match of the same host exactly.
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";
import { isCatchAll, matchKey } from "./matches.ts";
import type { ModelVirtualHost } from "./types.ts";

export function lintRoutes(vh: ModelVirtualHost, diagnostics: Diagnostic[]): void {
  let catchAll: string | undefined;
  const seen = new Map<string, string>();
  for (const route of vh.routes) {
    const at = route.at;
    if (catchAll !== undefined) {
      diagnostics.push(diagnostic("WM013", at, at.path,
        `route ${route.id} can never match: ${catchAll} before it on host ${vh.host} matches every request; expected catch-all routes last`));
      continue;
    }
    for (const m of route.matches) {
      const key = matchKey(m);
      const prev = seen.get(key);
      if (prev !== undefined && prev !== route.id) {
        diagnostics.push(diagnostic("WM014", m.at, m.at.path,
          `this match repeats one of ${prev} on host ${vh.host}, which comes first, so it never applies; expected distinct matches`));
      } else seen.set(key, route.id);
    }
    if (route.matches.length === 0 || route.matches.some(isCatchAll)) catchAll = route.id;
  }
}
