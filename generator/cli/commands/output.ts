// generate, check and diff: write the output, or compare it with what is committed.
import type { Command } from "commander";
import { writeFolderAtomically } from "../atomic-write.ts";
import { compareOutputs } from "../output-compare.ts";
import { EXIT_INVALID, EXIT_OK, type Io } from "../report.ts";
import { unifiedDiff } from "../unified-diff.ts";
import { generateChecked, withMeshOptions, withOutputOption, type OutputOptions } from "./common.ts";

export function registerOutputCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  withOutputOption(withMeshOptions(program.command("generate")))
    .description("generate one Envoy bootstrap per workload into the output folder (all files or none)")
    .action(async (mesh: string, o: OutputOptions) => setExit(await generate(io, mesh, o)));

  withOutputOption(withMeshOptions(program.command("check")))
    .description("exit 1 when the output folder differs from what generate would write")
    .action(async (mesh: string, o: OutputOptions) => setExit(await check(io, mesh, o, false)));

  withOutputOption(withMeshOptions(program.command("diff")))
    .description("show, as a unified diff, what generate would change in the output folder (exit 1 when it would)")
    .action(async (mesh: string, o: OutputOptions) => setExit(await check(io, mesh, o, true)));
}

async function generate(io: Io, mesh: string, o: OutputOptions): Promise<number> {
  const r = await generateChecked(io, mesh, o);
  if (!r.ok) return EXIT_INVALID;
  if (compareOutputs(o.output, r.outputs).length === 0) {
    if (!o.quiet) io.err(`${o.output}: up to date (${r.outputs.length} file(s))\n`);
    return EXIT_OK;
  }
  writeFolderAtomically(o.output, r.outputs);
  if (!o.quiet) io.err(`${o.output}: wrote ${r.outputs.length} file(s)\n`);
  return EXIT_OK;
}

async function check(io: Io, mesh: string, o: OutputOptions, showDiff: boolean): Promise<number> {
  const r = await generateChecked(io, mesh, o);
  if (!r.ok) return EXIT_INVALID;
  const changes = compareOutputs(o.output, r.outputs);
  for (const c of changes) {
    if (showDiff) io.out(unifiedDiff(`${o.output}/${c.path}`, c.current, c.generated));
    else io.err(`${o.output}/${c.path}: ${c.kind === "added" ? "missing (would be generated)" : c.kind === "removed" ? "not generated any more (would be removed)" : "stale"}\n`);
  }
  if (changes.length === 0) {
    if (!o.quiet && !showDiff) io.err(`${o.output}: up to date\n`);
    return EXIT_OK;
  }
  if (!showDiff) io.err(`${o.output}: ${changes.length} file(s) differ from the mesh; run \`wasmesh generate\`\n`);
  return EXIT_INVALID;
}
