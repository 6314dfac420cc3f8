// MeshAuth resources that select a workload → the auth-policy filter's configuration.
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";
import type { Model, ModelWorkload, ModelAuthPolicy } from "../model/index.ts";
import type { AuthPolicyConfig, JwtProvider, Rule } from "./filters/auth-policy.ts";
import { checkJwks } from "./jwks-check.ts";

/** Reads a JWKS file named relative to the MeshAuth's file; undefined when it was not given. */
export type FileLookup = (fromFile: string, relative: string) => string | undefined;

function pick<T extends object>(obj: T | undefined, keys: (keyof T)[]): Partial<T> | undefined {
  if (!obj) return undefined;
  const out: Partial<T> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

function rules(p: ModelAuthPolicy): Rule[] {
  const dryRun = p.spec.dryRun === true;
  return (p.spec.rules ?? []).map((r: Record<string, any>, i: number): Rule => {
    const action = dryRun ? "AUDIT" : r.action;
    const out: Rule = { id: `meshauth/${p.namespace}/${p.name}/r${i}`, action };
    if (r.from) out.from = r.from.map((f: any) => pick(f.source ?? {}, ["principals", "notPrincipals", "namespaces", "notNamespaces", "ipBlocks", "notIpBlocks", "requestPrincipals", "notRequestPrincipals"]));
    if (r.to) out.to = r.to.map((t: any) => pick(t.operation ?? {}, ["methods", "notMethods", "paths", "notPaths", "hosts", "notHosts", "ports", "notPorts"]));
    if (r.when) out.when = r.when.map((c: any) => pick(c, ["key", "values", "notValues"]));
    return out;
  });
}

function providers(p: ModelAuthPolicy, readFile: FileLookup, diagnostics: Diagnostic[]): JwtProvider[] {
  const out: JwtProvider[] = [];
  (p.spec.jwt ?? []).forEach((j: Record<string, any>, i: number) => {
    let jwks = j.jwks as JwtProvider["jwks"] | undefined;
    const path = `spec.jwt[${i}]`;
    if (!jwks && j.jwksFile) {
      const text = readFile(p.at.file, j.jwksFile);
      try {
        jwks = text === undefined ? undefined : JSON.parse(text);
      } catch {
        jwks = undefined;
      }
      if (!jwks || !Array.isArray(jwks.keys)) {
        diagnostics.push(diagnostic("WM004", p.at, `${path}.jwksFile`,
          `jwksFile ${JSON.stringify(j.jwksFile)} ${text === undefined ? "was not found next to the mesh files" : "is not a JSON Web Key Set"}; expected a JSON file {"keys": [...]}`));
        return;
      }
    }
    if (!jwks) {
      diagnostics.push(diagnostic("WM003", p.at, path, "JWT provider without keys; expected jwks or jwksFile"));
      return;
    }
    const problems = checkJwks(jwks);
    for (const [sub, message] of problems) {
      const where = j.jwks ? `${path}.jwks.${sub}` : `${path}.jwksFile`;
      diagnostics.push(diagnostic("WM004", p.at, where, message));
    }
    if (problems.length) return;
    out.push({
      name: `meshauth/${p.namespace}/${p.name}/jwt${i}`,
      issuer: j.issuer,
      audiences: j.audiences ?? [],
      jwks,
      fromHeaders: j.fromHeaders ?? (j.fromParams || j.fromCookies ? [] : [{ name: "authorization", prefix: "Bearer " }]),
      fromParams: j.fromParams ?? [],
      fromCookies: j.fromCookies ?? [],
      forward: j.forwardOriginalToken === true,
      outputClaimToHeaders: j.outputClaimToHeaders ?? [],
      clockSkewSeconds: j.clockSkewSeconds ?? 60,
    });
  });
  return out;
}

// Policies by id, once per model (each workload names its own; a search per name is quadratic).
const policiesById = new WeakMap<Model, Map<string, Model["authPolicies"][number]>>();

function policyById(model: Model, id: string): Model["authPolicies"][number] | undefined {
  let byId = policiesById.get(model);
  if (!byId) {
    byId = new Map();
    for (const p of model.authPolicies) if (!byId.has(p.id)) byId.set(p.id, p);
    policiesById.set(model, byId);
  }
  return byId.get(id);
}

export function planAuthPolicy(model: Model, w: ModelWorkload, readFile: FileLookup, diagnostics: Diagnostic[]): AuthPolicyConfig {
  const policies = w.authPolicies.map((id) => policyById(model, id)!).filter(Boolean);
  return {
    workload: w.id,
    rules: policies.flatMap(rules),
    jwtProviders: policies.flatMap((p) => providers(p, readFile, diagnostics)),
    unsafePathEncoding: "reject",
  };
}
