// auth-policy's fuzz target: the scenario configurations' rules (shop: paths, templates, hosts,
// headers, AUDIT; jwt: a provider, claim conditions) in one policy, and a vocabulary of valid,
// expired, foreign and damaged tokens so requests reach the JWT verifier, not only its refusals.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../support/paths.ts";
import type { FuzzVocabulary } from "./random-requests.ts";

const read = (name: string) => JSON.parse(readFileSync(join(projectRoot, "test", "scenarios", "configs", "auth-policy", `${name}.json`), "utf8"));

function config(): string {
  const shop = read("shop"), jwt = read("jwt");
  return JSON.stringify({ workload: "shop/fuzz", jwtProviders: jwt.jwtProviders, rules: [...shop.rules, ...jwt.rules] });
}

/** Tokens from test/scenarios/auth-policy-jwt.yaml (HS256, signed once), in file order: the first two valid,
 * then expired, wrong audience, unknown issuer, bad signature. */
function tokens(): string[] {
  const text = readFileSync(join(projectRoot, "test", "scenarios", "auth-policy-jwt.yaml"), "utf8");
  return [...new Set(text.match(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g) ?? [])];
}

function vocabulary(): FuzzVocabulary {
  const t = tokens();
  const damaged = t.flatMap((x) => [x.slice(0, -3), x.replace(".", ".."), `${x}.`, x.split(".").reverse().join("."), x.toUpperCase()]);
  const values = [...t, ...damaged].flatMap((x) => [`Bearer ${x}`, x, `bearer ${x}`, `Bearer  ${x}`]);
  // Whole headers too, so verified identities (claims, claim headers, the cache) are reached often.
  const pairs = t.map((x) => ["authorization", `Bearer ${x}`] as const);
  return { names: ["authorization", "x-role", "x-team", "x-jwt-sub", "x-env"],
    values: [...values, "banned", "evil-x", "ops", "Bearer", "Bearer "], pairs: [...pairs, ...pairs.slice(0, 2)] };
}

export const AUTH_POLICY_TARGET = {
  config: config(),
  clusters: ["api"],
  routes: [{ match: { prefix: "/" }, route: { cluster: "api" } }],
  vocabulary: vocabulary(),
};
