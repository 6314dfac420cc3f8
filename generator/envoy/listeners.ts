// Listeners: inbound (mTLS per the workload's mode, to the local app) and outbound (the app's
// calls, routed by route-match).
import type { ListenerPlan } from "../plan/index.ts";
import { connectionManager } from "./hcm.ts";
import { downstreamTls } from "./tls.ts";
import type { SharedParts } from "./shared-parts.ts";
import { TYPES, type EnvoyObject } from "./types.ts";

export function listener(l: ListenerPlan, wasmDir: string, parts?: SharedParts): EnvoyObject {
  const hcm = connectionManager(l, wasmDir, parts);
  const chains: EnvoyObject[] = [];
  if (l.mtls !== "DISABLE" && l.tls) {
    chains.push({
      ...(l.mtls === "PERMISSIVE" ? { filter_chain_match: { transport_protocol: "tls" } } : {}),
      filters: [hcm],
      transport_socket: downstreamTls(l.tls),
    });
  }
  if (l.mtls !== "STRICT" || !l.tls) chains.push({ filters: [hcm] });
  return {
    name: l.name,
    address: { socket_address: { address: l.bind.address, port_value: l.bind.port } },
    ...(l.mtls === "PERMISSIVE" && l.tls
      ? { listener_filters: [{ name: "envoy.filters.listener.tls_inspector", typed_config: { "@type": TYPES.tlsInspector } }] }
      : {}),
    filter_chains: chains,
  };
}
