// Loads test/scenarios/*.yaml (or .json) into Scenario values; `config: <name>` refers to
// test/scenarios/configs/<name>.json so a filter's config can change in one place.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, basename } from "node:path";
import { parse } from "yaml";
import { projectRoot } from "../../support/paths.ts";
import type { Scenario } from "./types.ts";

export const SCENARIO_DIR = join(projectRoot, "test", "scenarios");

export function loadScenarios(dir = SCENARIO_DIR): Scenario[] {
  return readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).sort().map((f) => loadScenario(join(dir, f)));
}

export function loadScenario(file: string): Scenario {
  const doc = parse(readFileSync(file, "utf8"));
  const where = basename(file);
  if (typeof doc?.filter !== "string" || !Array.isArray(doc.requests)) throw new Error(`${where}: needs filter and requests`);
  let config = "";
  let configName: string | null = null;
  if (typeof doc.config === "string") {
    configName = doc.config;
    const path = join(SCENARIO_DIR, "configs", `${doc.config}.json`);
    if (!existsSync(path)) throw new Error(`${where}: no config ${path}`);
    config = JSON.stringify(JSON.parse(readFileSync(path, "utf8")));
  } else if (doc.configInline !== undefined) {
    config = typeof doc.configInline === "string" ? doc.configInline : JSON.stringify(doc.configInline);
  }
  return {
    file: where,
    description: doc.description ?? where,
    filter: doc.filter,
    config,
    configName,
    clusters: doc.clusters ?? ["api"],
    routes: doc.routes,
    failurePolicy: doc.failurePolicy,
    cases: doc.requests.map((r: any, i: number) => {
      if (r?.request?.path === undefined || typeof r?.expect?.status !== "number") throw new Error(`${where}: request ${i} needs request.path and expect.status`);
      return { name: r.name ?? `${r.request.method ?? "GET"} ${r.request.path}`, request: r.request, expect: r.expect };
    }),
    metrics: doc.metrics,
    hostOnly: doc.hostOnly,
    compareLogs: doc.compareLogs === true,
  };
}
