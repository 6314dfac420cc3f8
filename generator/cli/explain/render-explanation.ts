import type { RequestExplanation } from "./explain-request.ts";

/** The explanation as indented text for a terminal. */
export function renderExplanation(e: RequestExplanation): string {
  const r = e.request;
  const lines = [`${r.method} ${r.path}${r.query.length ? "?" + r.query.map(([k, v]) => `${k}=${v}`).join("&") : ""} to ${r.authority ?? "(no authority)"}${r.port ? `:${r.port}` : ""} from ${e.workload}`];
  lines.push(`route-match (outbound listener of ${e.workload}):`);
  if (e.route.virtualHost || !e.route.rejected) lines.push(e.route.virtualHost ? `  virtual host ${e.route.virtualHost}: ${e.route.hostReason}` : `  no virtual host: ${e.route.hostReason}`);
  if (e.route.rejected) lines.push(`  rejected: ${e.route.rejected}`);
  for (const v of e.route.rules) lines.push(`  ${v.matched ? "MATCH" : "skip "} ${v.id}: ${v.why.join(" | ")}`);
  const c = e.route.chosen;
  if (c) {
    lines.push(`  chosen rule ${c.id}${c.at ? ` (${c.at})` : ""}`);
    for (const d of c.destinations) lines.push(`    → ${d.cluster} weight ${d.weight} (${d.percent}%)${d.workloads.length ? `: ${d.workloads.join(", ")}` : ""}`);
    if (c.stickyBy) lines.push(`    sticky by ${JSON.stringify(c.stickyBy)}`);
  }
  for (const p of e.policies) {
    lines.push(`auth-policy of ${p.workload}${p.listener ? ` (${p.listener})` : ""}:${p.peer ? ` peer ${p.peer}` : ""}`);
    if (p.note) lines.push(`  ${p.note}`);
    for (const v of p.rules ?? []) lines.push(`  ${v.matched ? "MATCH" : "skip "} ${v.action} ${v.id}: ${v.why}`);
    if (p.decision) lines.push(`  decision: ${p.decision}${p.rule ? ` (${p.rule})` : ""}: ${p.reason}`);
  }
  for (const n of e.notes) lines.push(`note: ${n}`);
  return lines.join("\n") + "\n";
}
