import type { Command } from "commander";
import { hasErrors } from "../../diagnostics/index.ts";
import { loadPipeline } from "../pipeline-api.ts";
import { adjust, EXIT_INVALID, EXIT_OK, printDiagnostics, summary, type Io } from "../report.ts";
import { readMeshOrReport, withMeshOptions, type CommonOptions } from "./common.ts";

export function registerValidate(program: Command, io: Io, setExit: (code: number) => void): void {
  withMeshOptions(program.command("validate"))
    .description("check the mesh resources and report every problem (exit 1 on errors); --format json prints them as JSON")
    .action(async (mesh: string, o: CommonOptions) => setExit(await validate(io, mesh, o)));
}

async function validate(io: Io, mesh: string, o: CommonOptions): Promise<number> {
  const files = readMeshOrReport(io, mesh, o);
  if (!files) return EXIT_INVALID;
  const result = (await loadPipeline()).validateMesh({ files, options: {} });
  const diagnostics = adjust(result.diagnostics, o);
  if (o.format === "json") {
    const shown = o.quiet ? diagnostics.filter((d) => d.severity === "error") : diagnostics;
    io.out(JSON.stringify({ files: files.map((f) => f.path), diagnostics: shown }, null, 2) + "\n");
    return hasErrors(diagnostics) ? EXIT_INVALID : EXIT_OK;
  }
  const failed = printDiagnostics(io, diagnostics, o);
  if (!o.quiet) io.err(`${mesh}: ${files.length} file(s), ${summary(diagnostics)}\n`);
  return failed ? EXIT_INVALID : EXIT_OK;
}
