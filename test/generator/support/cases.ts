// Golden cases: test/generator/cases/<scenario>/mesh/* in; out/<workload>.yaml,
// out/<workload>.<filter>.json and diagnostics.json expected. UPDATE_GOLDEN=1 rewrites them.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { generate, type GenerateOptions, type GenerateResult } from "../../../generator/pipeline.ts";
import { emitJson } from "../../../generator/emit/index.ts";
import { GOLDEN_OPTIONS } from "./envoy-files.ts";

export const CASES_DIR = join(fileURLToPath(import.meta.url), "..", "..", "cases");
export const UPDATE = process.env.UPDATE_GOLDEN === "1";

export interface MeshCase {
  name: string;
  dir: string;
  files: { path: string; text: string }[];
  options: GenerateOptions;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listFiles(join(dir, d.name)) : [join(dir, d.name)]).sort();
}

export function loadCases(): MeshCase[] {
  return readdirSync(CASES_DIR).sort().map((name) => {
    const dir = join(CASES_DIR, name);
    const meshDir = join(dir, "mesh");
    const files = listFiles(meshDir).map((f) => ({ path: relative(meshDir, f), text: readFileSync(f, "utf8") }));
    const optionsFile = join(dir, "options.json");
    const extra = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, "utf8")) : {};
    return { name, dir, files, options: { ...GOLDEN_OPTIONS, ...extra } };
  });
}

/** What a case is expected to produce, as file name → text. */
export function expectedFiles(result: GenerateResult): Record<string, string> {
  const out: Record<string, string> = {};
  out["diagnostics.json"] = emitJson(result.diagnostics.map((d) => ({ code: d.code, severity: d.severity, file: d.file, line: d.line, path: d.path })));
  for (const o of result.outputs) out[`out/${o.path}`] = o.text;
  if (result.outputs.length > 0) {
    for (const plan of result.plans) {
      const configs: Record<string, unknown> = {};
      for (const l of plan.listeners) {
        if (l.filters.authPolicy) configs["auth-policy"] ??= l.filters.authPolicy;
        if (l.filters.routeMatch) configs["route-match"] ??= l.filters.routeMatch;
        if (l.filters.accessLog) configs["access-log"] ??= l.filters.accessLog;
      }
      for (const [filter, config] of Object.entries(configs)) out[`out/${plan.outputName}.${filter}.json`] = emitJson(config);
    }
  }
  return out;
}

export function runCase(c: MeshCase): GenerateResult {
  return generate({ files: c.files, options: c.options });
}

export function readGolden(c: MeshCase): Record<string, string> {
  const out: Record<string, string> = {};
  const diag = join(c.dir, "diagnostics.json");
  if (existsSync(diag)) out["diagnostics.json"] = readFileSync(diag, "utf8");
  const outDir = join(c.dir, "out");
  if (existsSync(outDir)) for (const f of readdirSync(outDir).sort()) out[`out/${f}`] = readFileSync(join(outDir, f), "utf8");
  return out;
}

export function writeGolden(c: MeshCase, files: Record<string, string>): void {
  rmSync(join(c.dir, "out"), { recursive: true, force: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(c.dir, name, ".."), { recursive: true });
    writeFileSync(join(c.dir, name), text);
  }
}
