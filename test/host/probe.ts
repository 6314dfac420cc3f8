// The probe fixture on the host, for the host's own tests.
import { startPlugin, exchange, type Plugin, type PluginOptions, type RequestSpec } from "../../host/index.ts";
import { fixtureWasm } from "./fixtures/build.ts";

export function startProbe(o: Partial<PluginOptions> = {}): Plugin {
  return startPlugin({ wasm: fixtureWasm("probe"), name: "probe", clusters: ["api"], config: "", ...o });
}

/** One request with `x-probe: <op>` (plus extra headers) as a full exchange. */
export function probe(plugin: Plugin, op: string, r: Partial<RequestSpec> = {}) {
  return exchange(plugin, { path: "/p", ...r, headers: { "x-probe": op, ...(r.headers as Record<string, string> | undefined) } });
}
