// The resources stage: mesh files → typed, validated resources with source positions, and every
// problem found on the way. Pure: files come in as text.
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";
import { composeWorkloads, COMPOSE_FILE } from "./compose.ts";
import { parseYamlFile, type ParsedDocument } from "./parse.ts";
import { positionOf } from "./positions.ts";
import { validatorFor } from "./schemas.ts";
import { schemaDiagnostics } from "./schema-errors.ts";
import { readLocation } from "./location.ts";
import { API_VERSIONS, type Kind, type Resource, type Resources } from "./types.ts";

export interface MeshFile {
  path: string;
  text: string;
}

const LISTS: Record<Kind, keyof Resources> = {
  Workload: "workloads", Service: "services", ServiceEntry: "serviceEntries",
  VirtualService: "virtualServices", MeshAuth: "meshAuths", AccessLog: "accessLogs",
};

export function emptyResources(): Resources {
  return { workloads: [], services: [], serviceEntries: [], virtualServices: [], meshAuths: [], accessLogs: [] };
}

export function loadResources(files: MeshFile[]): { resources: Resources; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const all: Resource[] = [];
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const parsed = parseYamlFile(file.path, file.text);
    diagnostics.push(...parsed.diagnostics);
    const compose = COMPOSE_FILE.test(file.path);
    for (const doc of parsed.documents) {
      if (compose) {
        const r = composeWorkloads(doc);
        all.push(...r.workloads);
        diagnostics.push(...r.diagnostics);
      } else {
        const r = toResource(doc, diagnostics);
        if (r) all.push(r);
      }
    }
  }
  const resources = emptyResources();
  for (const r of dedupe(all, diagnostics)) (resources[LISTS[r.kind]] as Resource[]).push(r);
  return { resources, diagnostics };
}

function toResource(doc: ParsedDocument, diagnostics: Diagnostic[]): Resource | undefined {
  const v = doc.value as Record<string, any>;
  const at = (path: string) => positionOf(doc.source, path);
  if (typeof v !== "object" || Array.isArray(v)) {
    diagnostics.push(diagnostic("WM002", at(""), "", `expected a mapping with apiVersion, kind, metadata and spec, found ${Array.isArray(v) ? "a sequence" : typeof v}`));
    return undefined;
  }
  const kind = v.kind as Kind;
  if (typeof kind !== "string" || !(kind in API_VERSIONS)) {
    diagnostics.push(diagnostic(v.kind === undefined ? "WM003" : "WM006", at("kind"), "kind",
      `${v.kind === undefined ? "missing kind" : `unknown kind ${JSON.stringify(v.kind)}`}; expected one of: ${Object.keys(API_VERSIONS).join(", ")}`));
    return undefined;
  }
  const validate = validatorFor(kind);
  if (validate && !validate(v)) {
    diagnostics.push(...schemaDiagnostics(validate.errors ?? [], doc.source));
    return undefined;
  }
  if (!validate && (typeof v.metadata?.name !== "string" || typeof v.spec !== "object" || v.spec === null)) {
    diagnostics.push(diagnostic("WM003", at(""), "", "expected metadata.name and spec"));
    return undefined;
  }
  const resource: Resource = {
    kind, apiVersion: v.apiVersion,
    metadata: { ...v.metadata, namespace: v.metadata.namespace ?? "default" },
    spec: v.spec, source: doc.source,
  };
  if (kind === "ServiceEntry") return readLocation(resource, v.metadata.namespace, diagnostics);
  return resource;
}

function dedupe(all: Resource[], diagnostics: Diagnostic[]): Resource[] {
  // Each key spelled once, not at every comparison of the sort.
  const keyed = all.map((r) => ({ key: `${r.kind}/${r.metadata.namespace}/${r.metadata.name}`, r }));
  keyed.sort((a, b) => cmp(a.key, b.key) || cmp(a.r.source.file, b.r.source.file) || a.r.source.document - b.r.source.document);
  const out: Resource[] = [];
  let prevKey = "";
  for (const { key, r } of keyed) {
    const prev = out[out.length - 1];
    const same = prev !== undefined && prevKey === key;
    prevKey = key;
    if (same) {
      diagnostics.push(diagnostic("WM007", positionOf(r.source, "metadata.name"), "metadata.name",
        `${r.kind} ${r.metadata.namespace}/${r.metadata.name} is already defined at ${prev.source.file}:${prev.source.line}; expected unique names per kind and namespace`));
      continue;
    }
    out.push(r);
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
