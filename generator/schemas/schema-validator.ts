import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";


/** Folder holding the published *.schema.json files. */
export const SCHEMA_DIR = dirname(fileURLToPath(import.meta.url));

/** `$id` of the dispatching schema (the one editors and `validateResource` use). */
export const MESH_SCHEMA_ID = "https://wasmesh.dev/schemas/mesh.schema.json";

/** `apiVersion/kind` → `$id` of the kind's schema. */
export const KIND_SCHEMA_IDS: Readonly<Record<string, string>> = {
  "linkerd.io/v1alpha2/ServiceEntry": "https://wasmesh.dev/schemas/service-entry.schema.json",
  "v1/Service": "https://wasmesh.dev/schemas/service.schema.json",
  "linkerd.io/v1alpha2/VirtualService": "https://wasmesh.dev/schemas/virtual-service.schema.json",
  "linkerd.io/v1alpha2/MeshAuth": "https://wasmesh.dev/schemas/mesh-auth.schema.json",
  "linkerd.io/v1alpha2/AccessLog": "https://wasmesh.dev/schemas/access-log.schema.json",
  "linkerd.io/v1alpha2/Workload": "https://wasmesh.dev/schemas/workload.schema.json",
};

/** One schema violation: where (JSON Pointer into the document) and what was expected. */
export interface SchemaProblem {
  /** JSON Pointer, e.g. `/spec/http/0/route/1/weight`; `""` is the document itself. */
  instancePath: string;
  /** ajv keyword that failed (`additionalProperties`, `type`, `enum`, `required`, ...). */
  keyword: string;
  /** What was expected, in words, naming the offending field where there is one. */
  message: string;
  /** For unknown and missing fields: the field's name. */
  field?: string;
}

let cached: { byKind: Map<string, ValidateFunction>; mesh: ValidateFunction } | undefined;

function compileAll() {
  if (cached) return cached;
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".schema.json")).sort()) {
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, file), "utf8")));
  }
  const byKind = new Map<string, ValidateFunction>();
  for (const [key, id] of Object.entries(KIND_SCHEMA_IDS)) byKind.set(key, ajv.getSchema(id)!);
  cached = { byKind, mesh: ajv.getSchema(MESH_SCHEMA_ID)! };
  return cached;
}

/**
 * Validates one parsed resource document against the schema of its apiVersion and kind.
 * Documents with an unknown apiVersion/kind are judged by mesh.schema.json (which names the
 * accepted kinds). Returns every problem, in document order of ajv's traversal.
 */
export function validateResource(doc: unknown): SchemaProblem[] {
  const { byKind, mesh } = compileAll();
  const d = doc as { apiVersion?: unknown; kind?: unknown } | null;
  const key = d && typeof d === "object" ? `${String(d.apiVersion)}/${String(d.kind)}` : "";
  const validate = byKind.get(key) ?? mesh;
  if (validate(doc)) return [];
  return dedupe((validate.errors ?? []).filter((e) => e.keyword !== "if").map(toProblem));
}

function toProblem(e: ErrorObject): SchemaProblem {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "additionalProperties":
      return { instancePath: e.instancePath, keyword: e.keyword, field: String(p.additionalProperty), message: `unknown field "${p.additionalProperty}"` };
    case "required":
      return { instancePath: e.instancePath, keyword: e.keyword, field: String(p.missingProperty), message: `missing required field "${p.missingProperty}"` };
    case "enum":
      return { instancePath: e.instancePath, keyword: e.keyword, message: `expected one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
    case "const":
      return { instancePath: e.instancePath, keyword: e.keyword, message: `expected ${JSON.stringify(p.allowedValue)}` };
    case "maxProperties":
    case "minProperties":
      return { instancePath: e.instancePath, keyword: e.keyword, message: p.limit === 1 ? "expected exactly one of its fields to be set" : `expected ${e.message}` };
    default:
      return { instancePath: e.instancePath, keyword: e.keyword, message: `expected: ${e.message ?? e.keyword}` };
  }
}

function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.instancePath}\0${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
