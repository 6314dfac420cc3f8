import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { Ajv } from "ajv";
import { SCHEMA_DIR, validateResource } from "../../generator/schemas/schema-validator.ts";
import { sharedFile } from "../support/paths.ts";


function documents(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS());
}

const shared = [sharedFile("seed-example.yaml"), sharedFile("resource-shapes.yaml")];

/** mesh.schema.json compiled on its own, the way an editor uses it. */
function meshSchemaValidator() {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  for (const f of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".schema.json"))) {
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, f), "utf8")));
  }
  return ajv.getSchema("https://wasmesh.dev/schemas/mesh.schema.json")!;
}

test("the seed example and every shape document validate", () => {
  const mesh = meshSchemaValidator();
  const kinds = new Set<string>();
  for (const file of shared) {
    for (const doc of documents(file)) {
      kinds.add((doc as { kind: string }).kind);
      assert.deepEqual(validateResource(doc), [], `${file} ${JSON.stringify(doc).slice(0, 80)}`);
      assert.equal(mesh(doc), true, JSON.stringify(mesh.errors));
    }
  }
  assert.deepEqual([...kinds].sort(), ["AccessLog", "MeshAuth", "Service", "ServiceEntry", "VirtualService", "Workload"]);
});

test("location accepts MESH_EXTERNAL, MESH_INTERNAL and namespace names, nothing else", () => {
  const entry = (location: string) => ({
    apiVersion: "linkerd.io/v1alpha2", kind: "ServiceEntry",
    metadata: { name: "e" }, spec: { hosts: ["example.com"], location },
  });
  for (const ok of ["MESH_EXTERNAL", "MESH_INTERNAL", "my-namespace", "shop"]) assert.deepEqual(validateResource(entry(ok)), []);
  for (const bad of ["mesh_external", "My Namespace", "-x"]) {
    assert.ok(validateResource(entry(bad)).some((p) => p.instancePath === "/spec/location"), bad);
  }
});

const vs = (http: unknown[]) => ({
  apiVersion: "linkerd.io/v1alpha2", kind: "VirtualService",
  metadata: { name: "reviews", namespace: "shop" }, spec: { hosts: ["reviews"], http },
});
const dest = { destination: { host: "reviews" } };

const wrong: { name: string; doc: unknown; path: string; keyword: string; field?: string }[] = [
  { name: "unknown top-level field", doc: { ...vs([]), status: {} }, path: "", keyword: "additionalProperties", field: "status" },
  { name: "unknown field in a route", doc: vs([{ route: [dest], retry: {} }]), path: "/spec/http/0", keyword: "additionalProperties", field: "retry" },
  { name: "weight as a string", doc: vs([{ route: [dest, { ...dest, weight: "10" }] }]), path: "/spec/http/0/route/1/weight", keyword: "type" },
  { name: "negative weight", doc: vs([{ route: [{ ...dest, weight: -1 }] }]), path: "/spec/http/0/route/0/weight", keyword: "minimum" },
  { name: "bad duration", doc: vs([{ route: [dest], timeout: "2 seconds" }]), path: "/spec/http/0/timeout", keyword: "pattern" },
  { name: "two path conditions", doc: vs([{ match: [{ uri: { prefix: "/a", exact: "/a" } }], route: [dest] }]), path: "/spec/http/0/match/0/uri", keyword: "maxProperties" },
  { name: "route without destinations", doc: vs([{ route: [] }]), path: "/spec/http/0/route", keyword: "minItems" },
  { name: "missing destination host", doc: vs([{ route: [{ destination: {} }] }]), path: "/spec/http/0/route/0/destination", keyword: "required", field: "host" },
  { name: "upper-case header name", doc: vs([{ match: [{ headers: { "X-Tester": { exact: "1" } } }], route: [dest] }]), path: "/spec/http/0/match/0/headers", keyword: "pattern" },
  { name: "bad order", doc: { ...vs([]), spec: { hosts: ["a"], order: "best" } }, path: "/spec/order", keyword: "enum" },
  { name: "missing metadata.name", doc: { ...vs([]), metadata: {} }, path: "/metadata", keyword: "required", field: "name" },
  { name: "Service with the mesh apiVersion", doc: { apiVersion: "linkerd.io/v1alpha2", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 80 }] } }, path: "/apiVersion", keyword: "const" },
  { name: "Service port out of range", doc: { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 70000 }] } }, path: "/spec/ports/0/port", keyword: "maximum" },
  { name: "Service unknown spec field", doc: { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 80 }], externalName: "x" } }, path: "/spec", keyword: "additionalProperties", field: "externalName" },
  { name: "MeshAuth bad action", doc: { apiVersion: "linkerd.io/v1alpha2", kind: "MeshAuth", metadata: { name: "p" }, spec: { rules: [{ action: "PERMIT" }] } }, path: "/spec/rules/0/action", keyword: "enum" },
  { name: "MeshAuth jwt without issuer", doc: { apiVersion: "linkerd.io/v1alpha2", kind: "MeshAuth", metadata: { name: "p" }, spec: { jwt: [{ audiences: ["a"] }] } }, path: "/spec/jwt/0", keyword: "required", field: "issuer" },
  { name: "AccessLog unknown field name", doc: { apiVersion: "linkerd.io/v1alpha2", kind: "AccessLog", metadata: { name: "l" }, spec: { fields: ["method", "colour"] } }, path: "/spec/fields/1", keyword: "enum" },
  { name: "AccessLog sampling over 100", doc: { apiVersion: "linkerd.io/v1alpha2", kind: "AccessLog", metadata: { name: "l" }, spec: { sampling: { percent: 150 } } }, path: "/spec/sampling/percent", keyword: "maximum" },
  { name: "Workload without address", doc: { apiVersion: "linkerd.io/v1alpha2", kind: "Workload", metadata: { name: "w" }, spec: {} }, path: "/spec", keyword: "required", field: "address" },
  { name: "unknown kind", doc: { apiVersion: "linkerd.io/v1alpha2", kind: "Gateway", metadata: { name: "g" } }, path: "/kind", keyword: "enum" },
];

for (const w of wrong) {
  test(`rejects: ${w.name}`, () => {
    const problems = validateResource(w.doc);
    const hit = problems.find((p) => p.instancePath === w.path && p.keyword === w.keyword);
    assert.ok(hit, `expected ${w.keyword} at "${w.path}", got ${JSON.stringify(problems)}`);
    if (w.field) assert.equal(hit.field, w.field);
    assert.equal(meshSchemaValidator()(w.doc), false);
  });
}

test("labels and annotations accept any keys; every other object is closed", () => {
  const doc = vs([{ route: [dest] }]);
  (doc.metadata as Record<string, unknown>).labels = { "app.kubernetes.io/name": "x", anything: "y" };
  (doc.metadata as Record<string, unknown>).annotations = { "example.com/note": "z" };
  assert.deepEqual(validateResource(doc), []);
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".schema.json") && f !== "mesh.schema.json")) {
    const open: string[] = [];
    walkSchemas(JSON.parse(readFileSync(join(SCHEMA_DIR, file), "utf8")), "", open);
    assert.deepEqual(open, [], `${file}: objects without additionalProperties: false`);
  }
});

/** Collects object schemas (with `properties`) that do not forbid unknown fields. */
function walkSchemas(node: unknown, at: string, open: string[]): void {
  if (!node || typeof node !== "object") return;
  const s = node as Record<string, unknown>;
  if (s.properties && s.additionalProperties !== false) open.push(at);
  for (const [k, v] of Object.entries(s)) walkSchemas(v, `${at}/${k}`, open);
}

test("every field has a description (directly or through its $ref), for editors' hover text", () => {
  const undocumented: string[] = [];
  const walk = (node: unknown, at: string) => {
    if (!node || typeof node !== "object") return;
    const s = node as Record<string, any>;
    if (s.properties && typeof s.properties === "object") {
      for (const [k, v] of Object.entries<any>(s.properties)) if (!v.description && !v.$ref) undocumented.push(`${at}/${k}`);
    }
    for (const [k, v] of Object.entries(s)) walk(v, `${at}/${k}`);
  };
  for (const f of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".schema.json") && f !== "mesh.schema.json")) {
    walk(JSON.parse(readFileSync(join(SCHEMA_DIR, f), "utf8")), f);
  }
  assert.deepEqual(undocumented, []);
});
