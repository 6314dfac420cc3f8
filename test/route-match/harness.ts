// Real Envoy with route-match in front of several Node upstreams, for the route-match suites.
import { startEnvoy, type RunningEnvoy } from "../support/envoy.ts";
import { startUpstream, type Upstream } from "../support/upstream.ts";
import { freePort } from "../support/ports.ts";
import { testBootstrap } from "../support/bootstrap.ts";
import type { RouteMatchConfig } from "../../generator/plan/filters/route-match.ts";
import { rawRequest, type RawResponse } from "./raw-http.ts";

export interface Harness {
  port: number;
  envoy: RunningEnvoy;
  upstreams: Record<string, Upstream>;
  /** A raw HTTP/1.1 request; `upstream` is the name of the upstream that answered, if any. */
  send(target: string, headers?: string[], method?: string): Promise<RawResponse & { upstream?: string; url?: string }>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** HCM path settings as the generator emits them (default: normalize_path + merge_slashes). */
  normalize?: boolean;
  escapedSlashes?: "KEEP_UNCHANGED" | "REJECT_REQUEST" | "UNESCAPE_AND_REDIRECT" | "UNESCAPE_AND_FORWARD";
}

export async function startHarness(config: RouteMatchConfig, clusters: string[], options: HarnessOptions = {}): Promise<Harness> {
  const list = await Promise.all(clusters.map((c) => startUpstream(c)));
  const upstreams = Object.fromEntries(list.map((u) => [u.name, u]));
  const [adminPort, port] = [await freePort(), await freePort()];
  const bootstrap = testBootstrap({
    adminPort, listenerPort: port,
    filters: [{ filter: "route-match", config }],
    clusters: Object.fromEntries(list.map((u) => [u.name, u.port])),
  }) as any;
  const hcm = bootstrap.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;
  const normalize = options.normalize ?? true;
  Object.assign(hcm, {
    normalize_path: normalize,
    merge_slashes: normalize,
    path_with_escaped_slashes_action: options.escapedSlashes ?? "KEEP_UNCHANGED",
  });
  let envoy: RunningEnvoy;
  try {
    envoy = await startEnvoy({ adminPort, bootstrap });
  } catch (error) {
    await Promise.all(list.map((u) => u.close()));
    throw error;
  }
  return {
    port, envoy, upstreams,
    async send(target, headers = [], method = "GET") {
      const res = await rawRequest(port, target, headers, method);
      if (res.headers["x-upstream"] === undefined) return res;
      const seen = JSON.parse(res.body);
      return { ...res, upstream: seen.upstream, url: seen.url };
    },
    async stop() {
      await envoy.stop();
      await Promise.all(list.map((u) => u.close()));
    },
  };
}

/** A route with one destination, for brevity. */
export function route(id: string, cluster: string, matches: RouteMatchConfig["virtualHosts"][number]["routes"][number]["matches"]) {
  return { id, matches, destinations: [{ cluster, weight: 1 }] };
}
