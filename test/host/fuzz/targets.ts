// The filters the fuzzer knows, with a configuration that exercises them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../support/paths.ts";
import type { RouteSpec } from "../../../host/index.ts";
import type { FuzzVocabulary } from "./random-requests.ts";
import { AUTH_POLICY_TARGET } from "./auth-policy-target.ts";

const scenarioConfig = (name: string) =>
  JSON.stringify(JSON.parse(readFileSync(join(projectRoot, "test", "scenarios", "configs", `${name}.json`), "utf8")));

export interface FuzzTarget {
  config: string;
  clusters: string[];
  /** Envoy routes (default: the test bootstrap's, selecting on x-wasmesh-route). */
  routes?: RouteSpec[];
  /** Extra header names and values for this filter's requests. */
  vocabulary?: FuzzVocabulary;
}

export const FUZZ_TARGETS: Record<string, FuzzTarget> = {
  noop: { config: "{}", clusters: ["api"] },
  "route-match": { config: scenarioConfig("route-match/basic"), clusters: ["api", "health"] },
  "auth-policy": AUTH_POLICY_TARGET,
  // Every field to stdout (the scenario config: mask redaction, 100% sampling).
  "access-log": { config: scenarioConfig("access-log/json-all"), clusters: ["api"] },
};
