// route-match configuration: JSON from the generator (generator/plan/filters/route-match.ts),
// decoded once in on_configure. Pure: bytes in, config or null out; no host calls. Anything
// invalid or unknown is refused, so Envoy rejects the configuration.
import { parseJson } from "../common/json/parse";
import { JsonValue } from "../common/json/value";
import { decodeRoute } from "./config-route";
import { HostTable } from "./hosts";
import { Route, RouteMatchConfig, VirtualHost } from "./model";
import { buildSegmentIndex } from "./segment-index";

export function decodeConfig(bytes: ArrayBuffer): RouteMatchConfig | null {
  const doc = parseJson(bytes);
  if (doc === null || !doc.isObject || !doc.onlyKeys(["virtualHosts", "debugHeader"])) return null;
  let debugHeader = false;
  const debug = doc.get("debugHeader");
  if (debug !== null) {
    if (!debug.isBool) return null;
    debugHeader = debug.bool;
  }
  const vhJson = doc.get("virtualHosts");
  if (vhJson === null || !vhJson.isArray) return null;
  const hosts = new HostTable();
  const virtualHosts = new Array<VirtualHost>();
  for (let i = 0; i < vhJson.items.length; i++) {
    const vh = decodeVirtualHost(vhJson.items[i], hosts, i);
    if (vh === null) return null;
    virtualHosts.push(vh);
  }
  if (!hosts.finish()) return null;
  return new RouteMatchConfig(hosts, virtualHosts, debugHeader);
}

function decodeVirtualHost(json: JsonValue, hosts: HostTable, index: i32): VirtualHost | null {
  if (!json.isObject || !json.onlyKeys(["name", "domains", "routes"])) return null;
  const name = json.get("name"), domains = json.get("domains"), routesJson = json.get("routes");
  if (name === null || !name.isString || name.str.length == 0) return null;
  if (domains === null || !domains.isArray || domains.items.length == 0) return null;
  if (routesJson === null || !routesJson.isArray) return null;
  for (let i = 0; i < domains.items.length; i++) {
    const d = domains.items[i];
    if (!d.isString || !hosts.add(d.str, index)) return null;
  }
  const routes = new Array<Route>();
  for (let i = 0; i < routesJson.items.length; i++) {
    const r = decodeRoute(routesJson.items[i]);
    if (r === null) return null;
    routes.push(r);
  }
  return new VirtualHost(name.str, routes, buildSegmentIndex(routes));
}
