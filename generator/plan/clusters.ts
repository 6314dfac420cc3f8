// Clusters a sidecar needs: one per service port and per subset it may route to (through the
// other sidecars' inbound listeners for mesh workloads, straight to the address otherwise), and
// one per local app port.
import type { Model, ModelService, ModelWorkload, Endpoint } from "../model/index.ts";
import { SUBSET_LABEL } from "../model/index.ts";
import { certFiles, inboundCluster, isIpAddress, outboundCluster } from "./names.ts";
import { appPorts, sidecarInboundPort } from "./ports.ts";
import type { ClusterPlan, SocketAddress } from "./types.ts";

interface Ctx {
  model: Model;
  certDir: string;
  inboundPort: number;
  self: ModelWorkload;
}

/** A cluster as every sidecar sees it, before its own certificate is added. */
interface ClusterBase {
  name: string;
  type: ClusterPlan["type"];
  endpoints: ClusterPlan["endpoints"];
  peerIds?: string[];
  healthCheck: boolean;
}

/** Cluster bases by service, port and subset: the same for every sidecar of one buildPlans run. */
export type ClusterBases = Map<ModelService, Map<string, ClusterBase>>;

function clusterFor(ctx: Ctx, svc: ModelService, port: number, endpoints: Endpoint[], subset?: string): ClusterBase {
  const addrs: SocketAddress[] = [];
  const peerIds: string[] = [];
  let mtls = false;
  for (const e of endpoints) {
    const appPort = e.ports[String(port)];
    if (appPort === undefined) continue;
    const w = e.workload ? ctx.model.workloads.find((x) => x.id === e.workload) : undefined;
    if (w) {
      addrs.push({ address: w.address, port: sidecarInboundPort(ctx.model, w, appPort, ctx.inboundPort) });
      if (w.mtls !== "DISABLE") mtls = true;
      if (!peerIds.includes(w.spiffeId)) peerIds.push(w.spiffeId);
    } else {
      addrs.push({ address: e.address, port: appPort });
    }
  }
  const unique = addrs.filter((a, i) => addrs.findIndex((b) => b.address === a.address && b.port === a.port) === i)
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : a.port - b.port));
  return {
    name: outboundCluster(svc.host, port, subset),
    type: unique.every((a) => isIpAddress(a.address)) ? "STATIC" : "STRICT_DNS",
    endpoints: unique,
    ...(mtls ? { peerIds: peerIds.sort() } : {}),
    healthCheck: unique.length > 0 && endpoints.some((e) => e.workload !== undefined),
  };
}

/** This sidecar's copy of a base (plans are plain data: no object is shared between them). */
function fromBase(ctx: Ctx, b: ClusterBase): ClusterPlan {
  return {
    name: b.name,
    type: b.type,
    endpoints: b.endpoints.map((e) => ({ ...e })),
    ...(b.peerIds ? { mtls: { ...certFiles(ctx.certDir, ctx.self.id), peerIds: [...b.peerIds] } } : {}),
    local: false,
    healthCheck: b.healthCheck,
  };
}

/** `bases`: shared by the calls of one buildPlans run (what a cluster is does not depend on the sidecar). */
export function planClusters(model: Model, self: ModelWorkload, certDir: string, inboundPort: number, bases: ClusterBases = new Map()): ClusterPlan[] {
  const ctx: Ctx = { model, certDir, inboundPort, self };
  const out: ClusterPlan[] = [];
  const add = (svc: ModelService, port: number, endpoints: () => Endpoint[], subset?: string) => {
    let bySvc = bases.get(svc);
    if (!bySvc) bases.set(svc, bySvc = new Map());
    const key = `${port} ${subset ?? ""}`;
    let base = bySvc.get(key);
    if (!base) bySvc.set(key, base = clusterFor(ctx, svc, port, endpoints(), subset));
    out.push(fromBase(ctx, base));
  };
  for (const svc of model.services) {
    for (const p of svc.ports) {
      add(svc, p.number, () => svc.endpoints);
      for (const s of svc.subsets) {
        add(svc, p.number, () => svc.endpoints.filter((e) => e.labels[SUBSET_LABEL] === s.labels[SUBSET_LABEL]), s.name);
      }
    }
  }
  const appAddress = isIpAddress(self.address) ? self.address : "127.0.0.1";
  for (const port of appPorts(model, self)) {
    out.push({ name: inboundCluster(self.id, port), type: "STATIC", endpoints: [{ address: appAddress, port }], local: true, healthCheck: false });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
