// The closed set of diagnostic codes. Codes are stable: tests and users match on them, never on
// wording. A new problem gets a new code at the end; a code is never reused.

export type Severity = "error" | "warning";

export interface CodeInfo {
  name: string;
  severity: Severity;
}

export const CODES = {
  WM001: { name: "unknown-field", severity: "error" },
  WM002: { name: "wrong-type", severity: "error" },
  WM003: { name: "missing-field", severity: "error" },
  WM004: { name: "invalid-value", severity: "error" },
  WM005: { name: "yaml-syntax", severity: "error" },
  WM006: { name: "unknown-kind", severity: "error" },
  WM007: { name: "duplicate-name", severity: "error" },
  WM008: { name: "location-reading", severity: "warning" },
  WM009: { name: "no-workloads", severity: "warning" },
  WM010: { name: "dangling-host", severity: "error" },
  WM011: { name: "unknown-subset", severity: "error" },
  WM012: { name: "invalid-weights", severity: "error" },
  WM013: { name: "shadowed-route", severity: "warning" },
  WM014: { name: "duplicate-match", severity: "warning" },
  WM015: { name: "invalid-regex", severity: "error" },
  WM016: { name: "conflicting-hosts", severity: "warning" },
  WM017: { name: "unknown-port", severity: "error" },
  WM018: { name: "selector-matches-nothing", severity: "warning" },
  WM019: { name: "invalid-compose-label", severity: "error" },
  WM020: { name: "unsupported", severity: "error" },
  WM021: { name: "empty-subset", severity: "warning" },
  WM022: { name: "ambiguous-port", severity: "error" },
  WM023: { name: "input-too-large", severity: "error" },
  WM024: { name: "conflicting-policy", severity: "warning" },
  WM025: { name: "namespace-conflict", severity: "error" },
  WM026: { name: "port-conflict", severity: "error" },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export function isCode(value: string): value is Code {
  return Object.prototype.hasOwnProperty.call(CODES, value);
}

/** Accepts a code (`WM013`) or its name (`shadowed-route`). */
export function codeFromName(value: string): Code | undefined {
  if (isCode(value)) return value;
  return (Object.keys(CODES) as Code[]).find((c) => CODES[c].name === value);
}
