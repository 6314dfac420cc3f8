import { Option, type Command } from "commander";
import { EXIT_INVALID, EXIT_OK, UsageError, type Io } from "../report.ts";
import { generateChecked, withMeshOptions, withPlanOptions, type CommonOptions } from "./common.ts";
import { render, stageData, type Stage } from "./explain-stage.ts";
import { explainRequest } from "../explain/explain-request.ts";
import { parseSampleRequest } from "../explain/request-spec.ts";
import { renderExplanation } from "../explain/render-explanation.ts";
import type { Model } from "../../model/index.ts";
import type { WorkloadPlan } from "../../plan/index.ts";

interface ExplainOptions extends CommonOptions {
  request?: string;
  wasmDir?: string;
  certDir?: string;
  stage?: Stage;
  workload?: string;
}

export function registerExplain(program: Command, io: Io, setExit: (code: number) => void): void {
  withPlanOptions(withMeshOptions(program.command("explain")))
    .description("print what a stage produced (--stage), or follow a sample request through routing and policy (--request)")
    .addOption(new Option("--stage <stage>", "stage to print").choices(["model", "plan", "envoy"]))
    .option("--workload <name>", "only this workload's plan or bootstrap; with --request, the workload sending it")
    .option("--request <request>", "a sample request, e.g. 'GET http://catalog/items -H x-user-id:7': which route, destination and policy rule it hits, and why")
    .action(async (mesh: string, o: ExplainOptions) => setExit(await explain(io, mesh, o)));
}

async function explain(io: Io, mesh: string, o: ExplainOptions): Promise<number> {
  if (!o.stage === !o.request) throw new UsageError("explain: give either --stage model|plan|envoy or --request '<METHOD> <url> [-H name:value]...'");
  if (o.request !== undefined && o.workload === undefined) throw new UsageError("explain --request: give --workload, the workload sending the request");
  const request = o.request !== undefined ? parseSampleRequest(o.request) : undefined;
  const r = await generateChecked(io, mesh, o, o.stage === "envoy");
  if (!r.ok) return EXIT_INVALID;
  if (request) {
    const e = explainRequest(r.result.model as Model, r.result.plans as WorkloadPlan[], o.workload!, request);
    io.out(o.format === "json" ? JSON.stringify(e, null, 2) + "\n" : renderExplanation(e));
    return EXIT_OK;
  }
  if (!o.stage) return EXIT_OK;
  const data = stageData(o.stage, r.result, r.outputs, o.workload);
  if (o.workload !== undefined && o.stage !== "model" && isEmpty(data)) {
    io.err(`explain: no workload named ${JSON.stringify(o.workload)}\n`);
    return EXIT_INVALID;
  }
  io.out(render(data, o.format));
  return EXIT_OK;
}

function isEmpty(data: unknown): boolean {
  return data === undefined || (Array.isArray(data) && data.length === 0) ||
    (typeof data === "object" && data !== null && Object.keys(data).length === 0);
}
