// The filters the fuzzer knows, with a configuration that exercises them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../support/paths.ts";

const scenarioConfig = (name: string) =>
  JSON.stringify(JSON.parse(readFileSync(join(projectRoot, "test", "scenarios", "configs", `${name}.json`), "utf8")));

export const FUZZ_TARGETS: Record<string, { config: string; clusters: string[] }> = {
  noop: { config: "{}", clusters: ["api"] },
  "route-match": { config: scenarioConfig("route-match/basic"), clusters: ["api", "health"] },
};
