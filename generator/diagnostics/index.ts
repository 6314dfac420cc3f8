export { CODES, isCode, codeFromName, type Code, type Severity, type CodeInfo } from "./codes.ts";
export { diagnostic, hasErrors, sortDiagnostics, formatDiagnostic, type Diagnostic, type Position } from "./diagnostic.ts";
export { applySeverity, type SeverityOptions } from "./severity.ts";
