// Route selection inside a virtual host: the first route, in the generator's order, that matches.
import { routeMatches, RequestFacts } from "./conditions";
import { VirtualHost } from "./model";
import { firstSegmentEnd } from "./segment-index";

/** Index of the first matching route of `vh`, or -1. */
export function selectRoute(vh: VirtualHost, facts: RequestFacts): i32 {
  const routes = vh.routes;
  const index = vh.index;
  if (index === null) {
    for (let i = 0; i < routes.length; i++) if (routeMatches(unchecked(routes[i]), facts)) return i;
    return -1;
  }
  const end = firstSegmentEnd(facts.pathPtr, facts.pathLen);
  const candidates = index.candidates(facts.pathPtr + 1, end - 1);
  for (let k = 0; k < candidates.length; k++) {
    const i = unchecked(candidates[k]);
    if (routeMatches(unchecked(routes[i]), facts)) return i;
  }
  return -1;
}
