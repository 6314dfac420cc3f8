// Loads the published JSON Schemas (generator/schemas/*.schema.json, one per kind plus shared
// definitions) once, and compiles one ajv validator per kind. A kind's schema is found by the
// `kind` constant it declares, so file names are free.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import AjvModule, { type ValidateFunction } from "ajv";
import type { Kind } from "./types.ts";

const Ajv = ((AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule) as unknown as typeof AjvModule.default;

export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "schemas");

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

interface Compiler {
  ajv: InstanceType<typeof Ajv>;
  /** Kind → `$id` of the schema that declares it. */
  ids: Partial<Record<Kind, string>>;
  compiled: Partial<Record<Kind, ValidateFunction>>;
}

function build(): Compiler {
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
  ajv.addFormat("date-time", DATE_TIME);
  ajv.addFormat("uri", /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat("hostname", /^[A-Za-z0-9*]([-A-Za-z0-9.]*[A-Za-z0-9])?$/);
  ajv.addFormat("ipv4", /^(\d{1,3}\.){3}\d{1,3}$/);
  ajv.addFormat("ipv6", /^[0-9A-Fa-f:.]+$/);
  const files = existsSync(SCHEMA_DIR) ? readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".schema.json")).sort() : [];
  const schemas = files.map((f) => JSON.parse(readFileSync(join(SCHEMA_DIR, f), "utf8")) as Record<string, any>);
  for (const s of schemas) ajv.addSchema(s);
  const ids: Partial<Record<Kind, string>> = {};
  for (const s of schemas) {
    const kind = s.properties?.kind?.const as Kind | undefined;
    if (kind && s.$id) ids[kind] = s.$id;
  }
  return { ajv, ids, compiled: {} };
}

let compiler: Compiler | undefined;

/**
 * The validator for a kind, or undefined when no schema declares that kind. Each kind's schema
 * is compiled on first use (compiling them all costs a few hundred ms at every start).
 */
export function validatorFor(kind: Kind): ValidateFunction | undefined {
  compiler ??= build();
  const id = compiler.ids[kind];
  if (!id) return undefined;
  return (compiler.compiled[kind] ??= compiler.ajv.getSchema(id));
}
