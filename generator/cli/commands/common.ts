// What generate, check, diff and explain share: options, reading the mesh, running the pipeline,
// the proto gate.
import { Command, Option } from "commander";
import { parse } from "yaml";
import { InputError, readMeshInput } from "../mesh-input.ts";
import { loadPipeline, type GenerateResult, type MeshInputFile, type OutputFile, type PipelineOptions } from "../pipeline-api.ts";
import { protoGate } from "../proto-gate.ts";
import { adjust, printDiagnostics, printGateFailures, type Io, type ReportOptions } from "../report.ts";

export const DEFAULT_MESH = "mesh";
export const DEFAULT_OUTPUT = "envoy-configs";

export interface CommonOptions extends ReportOptions {
  format: "yaml" | "json";
  compose?: string[];
  include?: string[];
}

export interface OutputOptions extends CommonOptions {
  output: string;
  wasmDir?: string;
  certDir?: string;
  filters?: "wasm" | "native";
}

/** --format, --quiet, --werror, --silence and --compose, on every command that reads a mesh. */
export function withMeshOptions(cmd: Command): Command {
  return cmd
    .argument("[mesh]", "folder with the mesh's *.yaml resources", DEFAULT_MESH)
    .addOption(new Option("--format <format>", "output format").choices(["yaml", "json"]).default("yaml"))
    .option("--compose <file...>", "docker-compose files whose service labels declare workloads")
    .option("--include <file...>", "more resource files, e.g. an overlay: --include mesh/compose/*.yaml")
    .option("-q, --quiet", "print errors only")
    .option("--werror", "treat warnings as errors")
    .option("--silence <codes>", "comma-separated warning codes or names to drop, e.g. WM013,shadowed-route");
}

export function withOutputOption(cmd: Command): Command {
  return withPlanOptions(cmd.option("-o, --output <dir>", "folder of generated bootstraps (owned by wasmesh)", DEFAULT_OUTPUT))
    .addOption(new Option("--filters <variant>", "wasm: wasmesh's filters; native: Envoy's own filters (jwt_authn, RBAC, route table, file access log) in their place, for comparison")
      .choices(["wasm", "native"]).default("wasm"));
}

/** Where Envoy will find the filters and certificates (written into the bootstraps). */
export function withPlanOptions(cmd: Command): Command {
  return cmd
    .option("--wasm-dir <dir>", "folder holding <filter>.wasm as Envoy sees it (default: build)")
    .option("--cert-dir <dir>", "folder holding ca.crt and the workloads' certificates as Envoy sees it (default: /etc/wasmesh/certs)");
}

export type Outcome = { ok: true; outputs: OutputFile[]; result: GenerateResult } | { ok: false };

/** Reads and generates; prints diagnostics; refuses output with errors or failing the proto gate. */
export async function generateChecked(io: Io, mesh: string,
  o: CommonOptions & { output?: string; wasmDir?: string; certDir?: string; filters?: "wasm" | "native" }, gate = true): Promise<Outcome> {
  const files = readMeshOrReport(io, mesh, o);
  if (!files) return { ok: false };
  const options: PipelineOptions = { ...(o.wasmDir ? { wasmDir: o.wasmDir } : {}), ...(o.certDir ? { certDir: o.certDir } : {}),
    ...(o.filters === "native" ? { filters: "native" as const } : {}) };
  let result: GenerateResult;
  try {
    result = (await loadPipeline()).generate({ files, options });
  } catch (e) {
    // The native variant has no equivalent for some features; it names the one it met.
    if (!(e instanceof Error && e.name === "NativeUnsupportedError")) throw e;
    io.err(`error: ${e.message}\n`);
    return { ok: false };
  }
  const diagnostics = adjust(result.diagnostics, o);
  if (printDiagnostics(io, diagnostics, o)) return { ok: false };
  const outputs = inFormat(result.outputs, o.format);
  if (gate) {
    const failures = protoGate(outputs);
    if (failures.length) {
      printGateFailures(io, o.output ?? DEFAULT_OUTPUT, failures);
      return { ok: false };
    }
  }
  return { ok: true, outputs, result };
}

/** Converts bootstraps to the requested format when the pipeline emitted the other one. */
export function inFormat(outputs: OutputFile[], format: "yaml" | "json"): OutputFile[] {
  return outputs.map((o) => {
    const isJson = o.path.endsWith(".json");
    if (format === "json" && !isJson && /\.ya?ml$/.test(o.path)) {
      return { path: o.path.replace(/\.ya?ml$/, ".json"), text: JSON.stringify(parse(o.text), null, 2) + "\n" };
    }
    if (format === "yaml" && isJson) {
      throw new Error(`the pipeline emitted ${o.path} as JSON although YAML was asked for`);
    }
    return o;
  });
}

/** The mesh folder's files (and --compose/--include extras), or null after printing why not. */
export function readMeshOrReport(io: Io, mesh: string, o: CommonOptions): MeshInputFile[] | null {
  try {
    return readMeshInput(mesh, meshExtras(o));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.err(`${e.message}\n`);
    return null;
  }
}

/** Files read besides the mesh folder: compose files, then --include overlays. */
export function meshExtras(o: CommonOptions): string[] {
  return [...(o.compose ?? []), ...(o.include ?? [])];
}
