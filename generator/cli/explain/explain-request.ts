// `explain --request`: follows a sample request from a workload's outbound listener through
// route-match (virtual host, rule, destinations) to the auth-policy of every workload that can
// receive it, saying at each step why.
import type { Model, ModelRoute, ModelService, ModelWorkload } from "../../model/index.ts";
import type { ListenerPlan, WorkloadPlan } from "../../plan/index.ts";
import type { AuthPolicyConfig } from "../../plan/filters/auth-policy.ts";
import { UsageError } from "../report.ts";
import { evaluateAuth, type AuthDecision } from "./auth-eval.ts";
import { headerValues, type SampleRequest } from "./request-spec.ts";
import { evaluateRoutes, type RouteDecision } from "./route-eval.ts";

export interface PolicyOutcome extends Partial<AuthDecision> {
  workload: string;
  listener?: string;
  peer?: string;
  note?: string;
}

export interface RequestExplanation {
  workload: string;
  request: SampleRequest;
  route: Omit<RouteDecision, "chosen" | "path"> & {
    chosen?: { id: string; at?: string; destinations: { cluster: string; weight: number; percent: number; workloads: string[] }[]; stickyBy?: unknown };
  };
  policies: PolicyOutcome[];
  notes: string[];
}

function findPlan(plans: WorkloadPlan[], name: string): WorkloadPlan {
  const plan = plans.find((p) => p.workload === name || p.outputName === name) ?? plans.find((p) => p.workload.endsWith(`/${name}`));
  if (!plan) throw new UsageError(`--workload: no workload ${JSON.stringify(name)} (known: ${plans.map((p) => p.workload).join(", ")})`);
  return plan;
}

function modelRoute(model: Model, id: string): ModelRoute | undefined {
  for (const vh of model.virtualHosts) for (const r of vh.routes) if (r.id === id) return r;
  return undefined;
}

/** Workloads behind a destination: the service's endpoints carrying the subset's labels. */
function destinationWorkloads(model: Model, host: string, subset?: string): { service?: ModelService; workloads: string[] } {
  const service = model.services.find((s) => s.host === host);
  if (!service) return { workloads: [] };
  const labels = subset ? service.subsets.find((s) => s.name === subset)?.labels ?? {} : {};
  const workloads = service.endpoints.filter((e) => e.workload && Object.entries(labels).every(([k, v]) => e.labels[k] === v)).map((e) => e.workload!);
  return { service, workloads: [...new Set(workloads)].sort() };
}

/** Decodes the payload of a token found where a provider looks (not verified). */
function tokenClaims(config: AuthPolicyConfig, r: SampleRequest): { claims?: Record<string, unknown>; note?: string } {
  for (const p of config.jwtProviders) {
    const locations = p.fromHeaders.length ? p.fromHeaders : [{ name: "authorization", prefix: "Bearer " }];
    for (const loc of locations) {
      const value = headerValues(r, loc.name.toLowerCase())[0];
      if (value === undefined || !value.startsWith(loc.prefix ?? "")) continue;
      const payload = value.slice((loc.prefix ?? "").length).split(".")[1];
      try {
        const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
        const provider = config.jwtProviders.find((q) => q.issuer === claims.iss);
        if (!provider) return { note: `token issuer ${JSON.stringify(claims.iss)} matches no JWT provider: the filter answers 401` };
        return { claims, note: "JWT claims decoded by explain without verifying the signature, expiry or audience" };
      } catch {
        return { note: `the ${loc.name} header holds no decodable JWT: the filter answers 401` };
      }
    }
  }
  return {};
}

function inboundFor(plan: WorkloadPlan, service: ModelService | undefined, port: number | undefined, workload: string): ListenerPlan | undefined {
  const endpoint = service?.endpoints.find((e) => e.workload === workload);
  const appPort = port !== undefined ? endpoint?.ports[String(port)] : undefined;
  const inbound = plan.listeners.filter((l) => l.direction === "inbound");
  return inbound.find((l) => l.name === `inbound|${appPort}`) ?? inbound[0];
}

export function explainRequest(model: Model, plans: WorkloadPlan[], workloadName: string, sample: SampleRequest): RequestExplanation {
  const plan = findPlan(plans, workloadName);
  const caller = model.workloads.find((w) => w.id === plan.workload) as ModelWorkload;
  const outbound = plan.listeners.find((l) => l.direction === "outbound" && l.filters.routeMatch);
  const notes: string[] = [];
  if (!outbound?.filters.routeMatch) throw new UsageError(`${plan.workload} has no outbound listener with route-match`);
  const decision = evaluateRoutes(outbound.filters.routeMatch, sample);
  const route = { virtualHost: decision.virtualHost, hostReason: decision.hostReason, rules: decision.rules, ...(decision.rejected ? { rejected: decision.rejected } : {}) };
  const out: RequestExplanation = { workload: plan.workload, request: sample, route, policies: [], notes };
  if (decision.rejected) return out;
  if (decision.path !== undefined && decision.path !== sample.path) notes.push(`the sidecar normalizes the path to ${JSON.stringify(decision.path)}`);
  // Policies judge the path the sidecar forwards.
  const request = decision.path !== undefined ? { ...sample, path: decision.path } : sample;
  if (!decision.chosen) {
    notes.push(decision.virtualHost ? "no rule matched: route-match answers 404" : "no virtual host: route-match answers 404");
    return out;
  }
  const rule = decision.chosen;
  const mr = modelRoute(model, rule.id);
  const total = rule.destinations.reduce((n, d) => n + d.weight, 0);
  const destinations = rule.destinations.map((d, i) => {
    const md = mr?.destinations.length === rule.destinations.length ? mr.destinations[i] : undefined;
    const behind = md ? destinationWorkloads(model, md.host, md.subset) : { workloads: [] };
    return { ...d, percent: total ? Math.round((d.weight / total) * 10000) / 100 : 0, workloads: behind.workloads, md, service: behind.service };
  });
  out.route.chosen = {
    id: rule.id, ...(mr && mr.at.file && mr.at.line > 0 ? { at: `${mr.at.file}:${mr.at.line}:${mr.at.column}` } : {}),
    destinations: destinations.map(({ cluster, weight, percent, workloads }) => ({ cluster, weight, percent, workloads })),
    ...(rule.stickyBy ? { stickyBy: rule.stickyBy } : {}),
  };
  for (const d of destinations) {
    if (d.service?.location === "MESH_EXTERNAL" || d.workloads.length === 0) {
      out.policies.push({ workload: d.cluster, note: d.service?.location === "MESH_EXTERNAL" ? "external service: no sidecar policy applies" : "no mesh workload behind this destination" });
      continue;
    }
    for (const id of d.workloads) {
      const calleePlan = plans.find((p) => p.workload === id);
      const callee = model.workloads.find((w) => w.id === id);
      const listener = calleePlan && inboundFor(calleePlan, d.service, d.md?.port, id);
      const auth = listener?.filters.authPolicy;
      if (!listener || !auth) {
        out.policies.push({ workload: id, note: "no inbound auth-policy: every request passes" });
        continue;
      }
      const peer = listener.mtls !== "DISABLE" ? caller.spiffeId : undefined;
      const token = tokenClaims(auth, request);
      if (token.note && !notes.includes(token.note)) notes.push(token.note);
      const port = Number(listener.name.split("|")[1]);
      const result = token.note && !token.claims
        ? { decision: "unauthenticated" as const, reason: token.note, rules: [] }
        : evaluateAuth(auth, request, { peer, sourceIp: caller.address, destinationIp: callee?.address, destinationPort: Number.isFinite(port) ? port : undefined, jwt: token.claims });
      out.policies.push({ workload: id, listener: listener.name, ...(peer ? { peer } : {}), ...result });
    }
  }
  return out;
}
