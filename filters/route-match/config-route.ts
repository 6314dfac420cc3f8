// Decoding one RouteRule: id, alternatives, weighted destinations, stickiness.
import { JsonValue } from "../common/json/value";
import { utf8 } from "../common/bytes";
import { intIn } from "../common/match/dfa";
import { decodeRequestMatch, isHeaderName } from "./config-match";
import { RequestMatch, Route } from "./model";

/** Largest single weight accepted (Gateway API allows 0..1,000,000). */
const MAX_WEIGHT: i32 = 1_000_000_000;

export function decodeRoute(json: JsonValue): Route | null {
  if (!json.isObject || !json.onlyKeys(["id", "matches", "destinations", "stickyBy"])) return null;
  const id = json.get("id"), matchesJson = json.get("matches"), destJson = json.get("destinations");
  if (id === null || !id.isString || id.str.length == 0) return null;
  if (matchesJson === null || !matchesJson.isArray) return null;
  if (destJson === null || !destJson.isArray || destJson.items.length == 0) return null;
  const matches = new Array<RequestMatch>();
  for (let i = 0; i < matchesJson.items.length; i++) {
    const m = decodeRequestMatch(matchesJson.items[i]);
    if (m === null) return null;
    matches.push(m);
  }
  const clusters = new Array<ArrayBuffer>();
  const weights = new Array<u64>();
  for (let i = 0; i < destJson.items.length; i++) {
    const d = destJson.items[i];
    if (!d.isObject || !d.onlyKeys(["cluster", "weight"])) return null;
    const cluster = d.get("cluster"), weightJson = d.get("weight");
    if (cluster === null || !cluster.isString || cluster.str.length == 0 || weightJson === null) return null;
    const weight = intIn(weightJson, 0, MAX_WEIGHT);
    if (weight < 0) return null;
    if (weight == 0) continue; // weight 0 receives nothing
    clusters.push(utf8(cluster.str));
    weights.push(<u64>weight);
  }
  if (clusters.length == 0) return null;
  const cumulative = new StaticArray<u64>(weights.length);
  let total: u64 = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i];
    cumulative[i] = total;
  }
  let stickyHeader: ArrayBuffer | null = null, stickyCookie: ArrayBuffer | null = null;
  const sticky = json.get("stickyBy");
  if (sticky !== null) {
    if (!sticky.isObject || sticky.keys.length != 1) return null;
    const value = sticky.items[0];
    if (!value.isString || value.str.length == 0) return null;
    if (sticky.keys[0] == "header" && isHeaderName(value.str)) stickyHeader = utf8(value.str);
    else if (sticky.keys[0] == "cookie") stickyCookie = utf8(value.str);
    else return null;
  }
  return new Route(utf8(id.str), matches, clusters, cumulative, stickyHeader, stickyCookie);
}
