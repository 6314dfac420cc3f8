// `explain --stage model|plan|envoy`: prints a stage's plain data, optionally for one workload.
import { parse, stringify } from "yaml";
import type { GenerateResult, OutputFile } from "../pipeline-api.ts";

export type Stage = "model" | "plan" | "envoy";

/** The stage's data; `workload` narrows plans and bootstraps to that workload. */
export function stageData(stage: Stage, result: GenerateResult, outputs: OutputFile[], workload?: string): unknown {
  if (stage === "model") return result.model;
  if (stage === "plan") return workload === undefined ? result.plans : pickWorkload(result.plans, workload);
  const names = new Set([workload, ...asList(pickWorkload(result.plans, workload ?? "")).map((p) => (p as { outputName?: string }).outputName)]);
  const chosen = workload === undefined ? outputs : outputs.filter((o) => names.has(baseName(o.path)));
  return Object.fromEntries(chosen.map((o) => [o.path, parse(o.text)]));
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function baseName(path: string): string {
  return path.replace(/^.*\//, "").replace(/\.(ya?ml|json)$/, "");
}

/** Plans as a list of `{workload: ...}` objects or as a record keyed by workload name. */
function pickWorkload(plans: unknown, workload: string): unknown {
  if (Array.isArray(plans)) {
    return plans.filter((p) => {
      const { workload: id, outputName } = (p ?? {}) as { workload?: unknown; outputName?: unknown };
      return id === workload || outputName === workload || (typeof id === "string" && id.endsWith(`/${workload}`));
    });
  }
  if (plans && typeof plans === "object") return (plans as Record<string, unknown>)[workload];
  return undefined;
}

export function render(data: unknown, format: "yaml" | "json"): string {
  return format === "json" ? JSON.stringify(data, null, 2) + "\n" : stringify(data, { lineWidth: 0 });
}
