// route-match configuration: JSON from the generator, decoded once in on_configure.
// Pure: bytes in, config or null out; no host calls.
import { parseJson } from "../common/json/parse";
import { JsonValue } from "../common/json/value";
import { utf8 } from "../common/bytes";

export enum PathKind { Exact, Prefix }

export class PathMatch {
  constructor(readonly kind: PathKind, readonly value: ArrayBuffer) {}
}

export class Route {
  constructor(
    readonly id: ArrayBuffer,
    /** Alternatives: a request matches when any one matches; empty catches all. */
    readonly matches: PathMatch[],
    readonly cluster: ArrayBuffer,
  ) {}
}

export class RouteMatchConfig {
  constructor(readonly routes: Route[]) {}
}

/** Decodes the filter's JSON configuration; null when anything in it is invalid or unknown. */
export function decodeConfig(bytes: ArrayBuffer): RouteMatchConfig | null {
  const doc = parseJson(bytes);
  if (doc === null || !doc.isObject || !doc.onlyKeys(["routes"])) return null;
  const routesJson = doc.get("routes");
  if (routesJson === null || !routesJson.isArray) return null;
  const routes = new Array<Route>();
  for (let i = 0; i < routesJson.items.length; i++) {
    const route = decodeRoute(routesJson.items[i]);
    if (route === null) return null;
    routes.push(route);
  }
  return new RouteMatchConfig(routes);
}

function decodeRoute(json: JsonValue): Route | null {
  if (!json.isObject || !json.onlyKeys(["id", "match", "cluster"])) return null;
  const id = json.get("id"), cluster = json.get("cluster"), matchJson = json.get("match");
  if (id === null || !id.isString || id.str.length == 0) return null;
  if (cluster === null || !cluster.isString || cluster.str.length == 0) return null;
  const matches = new Array<PathMatch>();
  if (matchJson !== null) {
    if (!matchJson.isArray) return null;
    for (let i = 0; i < matchJson.items.length; i++) {
      const m = decodePathMatch(matchJson.items[i]);
      if (m === null) return null;
      matches.push(m);
    }
  }
  return new Route(utf8(id.str), matches, utf8(cluster.str));
}

function decodePathMatch(json: JsonValue): PathMatch | null {
  if (!json.isObject || !json.onlyKeys(["path"])) return null;
  const path = json.get("path");
  if (path === null || !path.isObject || path.keys.length != 1) return null;
  const value = path.items[0];
  if (!value.isString) return null;
  const key = path.keys[0];
  if (key == "exact") return new PathMatch(PathKind.Exact, utf8(value.str));
  if (key == "prefix") return new PathMatch(PathKind.Prefix, utf8(value.str));
  return null;
}
