// A diagnostic is data: a code from the closed set, where it happened and what was expected.
import { CODES, type Code, type Severity } from "./codes.ts";

export interface Diagnostic {
  code: Code;
  severity: Severity;
  /** Says what was found and what was expected. */
  message: string;
  file: string;
  /** 1-based; 0 when the problem has no place in a file (e.g. an empty mesh). */
  line: number;
  column: number;
  /** Field path inside the document, e.g. `spec.http[0].route[1].weight`; "" for the whole file. */
  path: string;
}

export interface Position {
  file: string;
  line: number;
  column: number;
}

export function diagnostic(code: Code, at: Position, path: string, message: string): Diagnostic {
  return { code, severity: CODES[code].severity, message, file: at.file, line: at.line, column: at.column, path };
}

export function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Stable order: file, line, column, code, path, message. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) =>
    cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.code, b.code) ||
    cmp(a.path, b.path) || cmp(a.message, b.message));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `file:line:column: severity CODE (name) path: message` — one line, for terminals and CI logs. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const field = d.path ? ` ${d.path}:` : "";
  return `${where}: ${d.severity} ${d.code} (${CODES[d.code].name})${field} ${d.message}`;
}
