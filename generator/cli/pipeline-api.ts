// The generator pipeline as the CLI sees it (generator/pipeline.ts implements it). Kept as an
// interface so the CLI depends on the shape, not on the stages behind it.
import type { Diagnostic } from "../diagnostics/index.ts";

export interface MeshInputFile {
  /** Path as shown in diagnostics (relative to the working directory when given that way). */
  path: string;
  text: string;
}

export interface OutputFile {
  /** Relative to the output folder, e.g. `reviews-v2.yaml`. */
  path: string;
  text: string;
}

export interface PipelineOptions {
  /** Folder holding <filter>.wasm as Envoy will see it. */
  wasmDir?: string;
  /** Folder holding the mTLS certificates as Envoy will see it. */
  certDir?: string;
}

export interface GenerateResult {
  outputs: OutputFile[];
  diagnostics: Diagnostic[];
  /** Plain data of each stage, for `explain --stage`. */
  model?: unknown;
  plans?: unknown;
}

export interface Pipeline {
  generate(input: { files: MeshInputFile[]; options: PipelineOptions }): GenerateResult;
  validateMesh(input: { files: MeshInputFile[]; options: PipelineOptions }): { diagnostics: Diagnostic[] };
}

/**
 * Loads the pipeline: generator/pipeline.ts, or the module named by WASMESH_PIPELINE (an absolute
 * path; lets embedders and the CLI's own tests put another generator behind the same commands).
 */
export async function loadPipeline(): Promise<Pipeline> {
  const override = process.env.WASMESH_PIPELINE;
  if (!override) {
    const real: Pipeline = await import("../pipeline.ts"); // typed: the real pipeline must fit
    return real;
  }
  const mod = (await import(new URL(`file://${override}`).href)) as Partial<Pipeline>;
  if (typeof mod.generate !== "function" || typeof mod.validateMesh !== "function") {
    throw new Error(`${override} does not export generate() and validateMesh()`);
  }
  return mod as Pipeline;
}
