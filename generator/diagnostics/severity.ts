// Users choose what a warning means: promote some (or all) to errors, or silence some.
import { codeFromName, CODES, type Code } from "./codes.ts";
import type { Diagnostic } from "./diagnostic.ts";

export interface SeverityOptions {
  /** Codes or names of warnings to treat as errors; "all" promotes every warning. */
  promote?: string[] | "all";
  /** Codes or names of warnings to drop. Errors cannot be silenced. */
  silence?: string[];
}

/** Unknown codes in the options are reported back so a typo never silently changes nothing. */
export function applySeverity(diagnostics: Diagnostic[], options: SeverityOptions = {}):
    { diagnostics: Diagnostic[]; unknownCodes: string[] } {
  const unknownCodes: string[] = [];
  const resolve = (list: string[] | undefined): Set<Code> => {
    const set = new Set<Code>();
    for (const item of list ?? []) {
      const code = codeFromName(item);
      if (code) set.add(code); else unknownCodes.push(item);
    }
    return set;
  };
  const silence = resolve(options.silence);
  const promoteAll = options.promote === "all";
  const promote = resolve(promoteAll ? [] : (options.promote as string[] | undefined));
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (CODES[d.code].severity === "warning" && silence.has(d.code) && !(promoteAll || promote.has(d.code))) continue;
    if (d.severity === "warning" && (promoteAll || promote.has(d.code))) out.push({ ...d, severity: "error" });
    else out.push(d);
  }
  return { diagnostics: out, unknownCodes };
}
