// Which app ports a workload serves (declared ports first, then ports Services target), and the
// sidecar inbound port that fronts each: inboundPort + index.
import type { Model, ModelWorkload } from "../model/index.ts";

const cache = new WeakMap<Model, Record<string, number[]>>();

function targetedPorts(model: Model): Record<string, number[]> {
  let byWorkload = cache.get(model);
  if (byWorkload) return byWorkload;
  byWorkload = {};
  for (const s of model.services) {
    for (const e of s.endpoints) if (e.workload) (byWorkload[e.workload] ??= []).push(...Object.values(e.ports));
  }
  cache.set(model, byWorkload);
  return byWorkload;
}

export function appPorts(model: Model, w: ModelWorkload): number[] {
  return [...portsOf(model, w)];
}

// Every cluster to a workload asks for its ports: work them out once per model and workload (a
// workload many services select is targeted once per service).
const portCache = new WeakMap<Model, Map<ModelWorkload, number[]>>();

function portsOf(model: Model, w: ModelWorkload): number[] {
  let byWorkload = portCache.get(model);
  if (!byWorkload) portCache.set(model, byWorkload = new Map());
  let ports = byWorkload.get(w);
  if (!ports) {
    ports = w.ports.map((p) => p.port);
    const targeted = targetedPorts(model)[w.id] ?? [];
    for (const p of [...new Set(targeted)].sort((a, b) => a - b)) if (!ports.includes(p)) ports.push(p);
    byWorkload.set(w, ports);
  }
  return ports;
}

export function sidecarInboundPort(model: Model, w: ModelWorkload, appPort: number, inboundBase: number): number {
  const i = portsOf(model, w).indexOf(appPort);
  return inboundBase + Math.max(i, 0);
}
