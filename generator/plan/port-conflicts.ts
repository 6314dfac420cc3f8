// Two sockets on one address and port cannot both listen: the sidecar's own listeners, its
// admin, its app, and other workloads sharing the address (the process mesh on one host).
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";
import type { Model } from "../model/index.ts";
import { isIpAddress } from "./names.ts";
import type { WorkloadPlan } from "./types.ts";

export function portConflicts(model: Model, plans: WorkloadPlan[]): Diagnostic[] {
  const owners: Record<string, string> = {};
  const out: Diagnostic[] = [];
  plans.forEach((plan, i) => {
    const w = model.workloads[i];
    const sockets: [string, number, string][] = [
      ...plan.listeners.map((l): [string, number, string] => [l.bind.address, l.bind.port, `listener ${l.name}`]),
      [plan.admin.address, plan.admin.port, "admin"],
      ...plan.clusters.filter((c) => c.local).map((c): [string, number, string] => [c.endpoints[0].address, c.endpoints[0].port, `app port ${c.endpoints[0].port}`]),
    ];
    // Loopback workloads are the process mesh, all on one host. Any other address (a pod IP, a
    // compose DNS name) is its own network namespace: only clashes inside it count.
    const scope = isIpAddress(w.address) && w.address.startsWith("127.") ? "" : `${w.id}#`;
    for (const [address, port, what] of sockets) {
      const wildcard = address === "0.0.0.0" ? `${scope}*:${port}` : undefined;
      const key = `${scope}${address}:${port}`;
      const clash = owners[key] ?? (wildcard ? owners[wildcard] : undefined) ?? owners[`${scope}*:${port}`];
      if (clash) {
        out.push(diagnostic("WM026", w.at, w.at.path, `${w.id} ${what} needs ${address}:${port}, already used by ${clash}; expected distinct ports (change the workload's ports or the sidecar port options)`));
        continue;
      }
      owners[key] = `${w.id} ${what}`;
      if (wildcard) owners[wildcard] = `${w.id} ${what}`;
    }
  });
  return out;
}
