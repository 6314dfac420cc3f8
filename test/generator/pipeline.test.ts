// The pipeline through its public functions: severity options, validateMesh, compose labels,
// the two readings of `location`, JWKS files, and all-or-nothing output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { generate, validateMesh } from "../../generator/pipeline.ts";
import { CODES } from "../../generator/diagnostics/index.ts";

const workload = (name: string, labels = `{app: ${name}}`, ns = "default", address = "127.0.0.9") => `apiVersion: linkerd.io/v1alpha2
kind: Workload
metadata: {name: ${name}, namespace: ${ns}, labels: ${labels}}
spec: {address: ${address}, ports: [{port: 8080}], serviceAccount: ${name}}
`;
const service = (name: string, ns = "default") => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec: {ports: [{port: 80, targetPort: 8080}], selector: {app: ${name}}}
`;
const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

test("every diagnostic code has a unique name and a default severity", () => {
  const names = Object.values(CODES).map((c) => c.name);
  assert.equal(new Set(names).size, names.length);
});

test("warnings can be promoted to errors (then nothing is generated) or silenced", () => {
  const files = [{ path: "a.yaml", text: service("lonely") }];
  assert.deepEqual(codes(generate({ files })), ["WM009"]);
  const promoted = generate({ files, options: { warnings: { promote: ["no-workloads"] } } });
  assert.equal(promoted.diagnostics[0].severity, "error");
  const all = generate({ files, options: { warnings: { promote: "all" } } });
  assert.equal(all.diagnostics[0].severity, "error");
  const silenced = generate({ files, options: { warnings: { silence: ["WM009", "WM999"] } } });
  assert.deepEqual(silenced.diagnostics, []);
  assert.deepEqual(silenced.unknownWarningCodes, ["WM999"]);
});

test("errors cannot be silenced, and an error means no output at all", () => {
  const text = workload("web") + "---\n" + service("web") + "---\n" + "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{port: 0}]}\n";
  const r = generate({ files: [{ path: "m.yaml", text }], options: { warnings: { silence: ["WM004"] } } });
  assert.deepEqual(codes(r), ["WM004"]);
  assert.equal(r.outputs.length, 0);
});

test("validateMesh reports model problems and invalid regexes without generating", () => {
  const vs = `apiVersion: linkerd.io/v1alpha2
kind: VirtualService
metadata: {name: web}
spec:
  hosts: [web]
  http:
  - match: [{headers: {x-a: {regex: "a{2,1}"}}}]
    route: [{destination: {host: web}}]
  - route: [{destination: {host: api}}]
`;
  const r = validateMesh({ files: [{ path: "m.yaml", text: workload("web") + "---\n" + service("web") + "---\n" + vs }] });
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line, d.path]), [
    ["WM015", 17, "spec.http[0].match[0].headers.x-a.regex"],
    ["WM010", 19, "spec.http[1].route[0].destination.host"],
  ]);
  assert.equal(r.model.workloads.length, 1);
});

test("location: MESH_EXTERNAL is Istio's reading; a namespace that contradicts metadata.namespace is an error", () => {
  const se = (location: string, ns = "") => `apiVersion: linkerd.io/v1alpha2
kind: ServiceEntry
metadata: {name: ext${ns ? `, namespace: ${ns}` : ""}}
spec: {hosts: [ext.example], ports: [{number: 443, name: https}], location: ${location}}
`;
  const w = { path: "w.yaml", text: workload("web") };
  assert.deepEqual(codes(generate({ files: [w, { path: "s.yaml", text: se("MESH_EXTERNAL") }] })), []);
  const ns = validateMesh({ files: [w, { path: "s.yaml", text: se("payments") }] });
  assert.deepEqual(codes(ns), ["WM008"]);
  assert.equal(ns.model.services.find((s) => s.host === "ext.example")?.namespace, "payments");
  assert.deepEqual(codes(validateMesh({ files: [w, { path: "s.yaml", text: se("payments", "billing") }] })), ["WM025"]);
});

test("compose labels: unknown labels and bad ports are positioned at the label", () => {
  const compose = `services:
  web:
    labels:
      wasmesh.workload: "true"
      wasmesh.port: "80000"
      wasmesh.colour: blue
`;
  const r = validateMesh({ files: [{ path: "docker-compose.yml", text: compose }] });
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.line, d.path]), [
    ["WM019", 5, "services.web.labels[\"wasmesh.port\"]"],
    ["WM019", 6, "services.web.labels[\"wasmesh.colour\"]"],
  ]);
});

test("a jwksFile is read from the files given, relative to the MeshAuth's file", () => {
  const auth = (file: string) => `apiVersion: linkerd.io/v1alpha2
kind: MeshAuth
metadata: {name: jwt}
spec:
  jwt: [{issuer: "https://issuer.example", jwksFile: ${file}}]
`;
  const jwks = JSON.stringify({ keys: [{ kty: "oct", kid: "k", k: "d2FzbWVzaC1nb2xkZW4tdGVzdC1obWFjLWtleS0wMTIzNDU2Nzg5" }] });
  const files = [{ path: "mesh/w.yaml", text: workload("web") }, { path: "mesh/keys/jwks.json", text: jwks }];
  const ok = generate({ files: [...files, { path: "mesh/auth.yaml", text: auth("keys/jwks.json") }] });
  assert.deepEqual(codes(ok), []);
  const cfg = ok.plans[0].listeners[0].filters.authPolicy!;
  assert.equal(cfg.jwtProviders[0].jwks.keys[0].kid, "k");
  assert.deepEqual(cfg.jwtProviders[0].fromHeaders, [{ name: "authorization", prefix: "Bearer " }]);
  const missing = generate({ files: [...files, { path: "mesh/auth.yaml", text: auth("nope.json") }] });
  assert.deepEqual(codes(missing), ["WM004"]);
  assert.equal(missing.outputs.length, 0);
});

test("workloads with the same name in two namespaces get distinct output files", () => {
  const r = generate({ files: [{ path: "m.yaml", text: workload("web", "{app: web}", "a") + "---\n" + workload("web", "{app: web}", "b", "127.0.0.8") }] });
  assert.deepEqual(r.outputs.map((o) => o.path), ["a.web.yaml", "b.web.yaml"]);
});

test("two workloads on one address with the same ports conflict (WM026); the sidecar's ports must not be the app's", () => {
  const r = generate({ files: [{ path: "m.yaml", text: workload("a") + "---\n" + workload("b") }] });
  assert.ok(codes(r).includes("WM026"));
  assert.equal(r.outputs.length, 0);
  const own = generate({ files: [{ path: "m.yaml", text: workload("a") }], options: { inboundPort: 8080 } });
  assert.deepEqual(codes(own), ["WM026"]);
});

test("a JWK Set the filter could not verify with is reported key by key", () => {
  const auth = `apiVersion: linkerd.io/v1alpha2
kind: MeshAuth
metadata: {name: jwt}
spec:
  jwt:
  - {issuer: a, jwks: {keys: []}}
  - {issuer: b, jwks: {keys: [{kty: oct, k: c2hvcnQ}, {kty: EC, crv: P-384, x: a, y: b}, {kty: DSA}]}}
`;
  const r = generate({ files: [{ path: "w.yaml", text: workload("web") }, { path: "a.yaml", text: auth }] });
  assert.deepEqual(r.diagnostics.map((d) => [d.code, d.path]), [
    ["WM004", "spec.jwt[0].jwks.keys"],
    ["WM004", "spec.jwt[1].jwks.keys[0].k"],
    ["WM004", "spec.jwt[1].jwks.keys[1].crv"],
    ["WM004", "spec.jwt[1].jwks.keys[2]"],
  ]);
});
