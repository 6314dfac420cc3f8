// What the CLI prints: diagnostics (one line each, on stderr), summaries, and the exit codes.
import { applySeverity, formatDiagnostic, hasErrors, sortDiagnostics, type Diagnostic } from "../diagnostics/index.ts";
import type { GateFailure } from "./proto-gate.ts";

export const EXIT_OK = 0;
/** The mesh is invalid, the committed output is stale, or the output failed the proto check. */
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

export interface ReportOptions {
  quiet?: boolean;
  werror?: boolean;
  /** Comma-separated codes or names of warnings to drop. */
  silence?: string;
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** Applies --werror / --silence; an unknown code in --silence is a usage error. */
export function adjust(diagnostics: Diagnostic[], o: ReportOptions): Diagnostic[] {
  const silence = (o.silence ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  // Silence first, then promote: `--werror --silence X` drops X and fails on the other warnings.
  const silenced = applySeverity(diagnostics, { silence });
  if (silenced.unknownCodes.length) throw new UsageError(`--silence: unknown diagnostic code(s): ${silenced.unknownCodes.join(", ")}`);
  const promoted = applySeverity(silenced.diagnostics, { promote: o.werror ? "all" : [] });
  return sortDiagnostics(promoted.diagnostics);
}

/** Prints diagnostics (warnings only without --quiet); returns whether any is an error. */
export function printDiagnostics(io: Io, diagnostics: Diagnostic[], o: ReportOptions): boolean {
  for (const d of diagnostics) if (d.severity === "error" || !o.quiet) io.err(formatDiagnostic(d) + "\n");
  return hasErrors(diagnostics);
}

export function summary(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  return `${errors} error(s), ${warnings} warning(s)`;
}

export function printGateFailures(io: Io, outputDir: string, failures: GateFailure[]): void {
  for (const f of failures) io.err(`${outputDir}/${f.file}: error internal ${f.path || "(document)"}: ${f.message}\n`);
  io.err(`wasmesh: internal error: ${failures.length} problem(s) in generated bootstraps failed Envoy's proto check; nothing was written. This is a wasmesh bug; please report it with the mesh that caused it.\n`);
}
