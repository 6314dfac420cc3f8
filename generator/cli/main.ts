// The `wasmesh` command line. Exit codes: 0 ok, 1 invalid input (or stale output, or an
// internal error), 2 usage.
import { Command, CommanderError, Option } from "commander";
import { registerExplain } from "./commands/explain.ts";
import { registerOutputCommands } from "./commands/output.ts";
import { registerValidate } from "./commands/validate.ts";
import { registerMeshCommands } from "./commands/mesh.ts";
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, processIo, UsageError, type Io } from "./report.ts";
import { ENVOY_VERSION, wasmeshVersion } from "./version.ts";

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command("wasmesh")
    .description("Mesh resources (YAML) → one Envoy bootstrap per sidecar, with proxy-wasm policy filters")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showSuggestionAfterError(true)
    .version(`wasmesh ${wasmeshVersion()} (envoy ${ENVOY_VERSION})`, "-V, --version", "print the versions (same as `wasmesh version`)");
  registerValidate(program, io, setExit);
  registerOutputCommands(program, io, setExit);
  registerExplain(program, io, setExit);
  registerMeshCommands(program, io, setExit);
  program.command("version")
    .description("print the wasmesh version and the Envoy version it targets")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((o: { format: string }) => {
      const v = { wasmesh: wasmeshVersion(), envoy: ENVOY_VERSION };
      io.out(o.format === "json" ? JSON.stringify(v) + "\n" : `wasmesh ${v.wasmesh}\nenvoy ${v.envoy} (pinned)\n`);
      setExit(EXIT_OK);
    });
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  return program;
}

/** Runs the CLI on `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let exit = EXIT_OK;
  const program = buildProgram(io, (code) => (exit = code));
  try {
    if (argv.length === 0) {
      io.err(program.helpInformation());
      return EXIT_USAGE;
    }
    await program.parseAsync(argv, { from: "user" });
    return exit;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" ? EXIT_OK : EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      io.err(`wasmesh: ${e.message}\n`);
      return EXIT_USAGE;
    }
    io.err(`wasmesh: internal error: ${(e as Error).stack ?? e}\n`);
    return EXIT_INVALID;
  }
}
