// ajv's errors → positioned diagnostics: unknown fields (WM001), wrong types (WM002), missing
// fields (WM003) and other invalid values (WM004). Messages say what was expected.
import type { ErrorObject } from "ajv";
import { diagnostic, type Diagnostic, type Code } from "../diagnostics/index.ts";
import { joinPath, positionOf } from "./positions.ts";
import type { Source } from "./types.ts";

function pointerToPath(pointer: string): string {
  if (!pointer) return "";
  return pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc: string, seg) => joinPath(acc, /^\d+$/.test(seg) ? Number(seg) : seg), "");
}

function describe(e: ErrorObject): { code: Code; path: string; message: string } | undefined {
  const path = pointerToPath(e.instancePath);
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case "additionalProperties": {
      const allowed = Object.keys((e.parentSchema as any)?.properties ?? {}).sort();
      return { code: "WM001", path: joinPath(path, p.additionalProperty),
        message: `unknown field "${p.additionalProperty}"; expected one of: ${allowed.join(", ") || "(no fields)"}` };
    }
    case "required":
      return { code: "WM003", path: joinPath(path, p.missingProperty), message: `missing required field "${p.missingProperty}"` };
    case "type":
      return { code: "WM002", path, message: `expected ${p.type}, found ${typeName(e.data)}` };
    case "enum":
      return { code: "WM004", path, message: `expected one of ${p.allowedValues.map((v: unknown) => JSON.stringify(v)).join(", ")}, found ${JSON.stringify(e.data)}` };
    case "const":
      return { code: "WM004", path, message: `expected ${JSON.stringify(p.allowedValue)}, found ${JSON.stringify(e.data)}` };
    case "anyOf": case "oneOf": case "if": case "not":
      return { code: "WM004", path, message: `${(e.parentSchema as any)?.description ?? "value does not match any allowed form"} (found ${JSON.stringify(e.data)?.slice(0, 80)})` };
    default:
      return { code: "WM004", path, message: `${e.message ?? "invalid value"}${e.data !== undefined && typeof e.data !== "object" ? ` (found ${JSON.stringify(e.data)})` : ""}` };
  }
}

function typeName(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "object" ? "object" : `${typeof v} ${JSON.stringify(v)}`;
}

const COMBINATORS = ["anyOf", "oneOf", "if", "not"];

export function schemaDiagnostics(errors: ErrorObject[], source: Source): Diagnostic[] {
  const items = errors.map((e) => ({ e, d: describe(e) })).filter((x) => !!x.d) as { e: ErrorObject; d: NonNullable<ReturnType<typeof describe>> }[];
  const combinators = items.filter((x) => COMBINATORS.includes(x.e.keyword));
  // A failed anyOf lists every branch's complaint about the same value: say the anyOf once instead.
  const branchNoise = (x: typeof items[number]) => !COMBINATORS.includes(x.e.keyword) && combinators.some((c) =>
    c.d.path === x.d.path && x.e.schemaPath.startsWith(c.e.schemaPath.replace(/\/(anyOf|oneOf|if|not)$/, "")));
  const precise = items.filter((x) => !COMBINATORS.includes(x.e.keyword) && !branchNoise(x));
  const kept = items.filter((x) => {
    if (branchNoise(x)) return false;
    if (!COMBINATORS.includes(x.e.keyword)) return true;
    return !precise.some((q) => q.d.path.startsWith(x.d.path + ".") || q.d.path.startsWith(x.d.path + "["));
  });
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const { d } of kept) {
    const key = `${d.code} ${d.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic(d.code, positionOf(source, d.path), d.path, d.message));
  }
  return out;
}
