// The benchmark's mesh: one sidecar (`bench/client`) whose outbound listener carries the request
// under load through all three wasmesh filters, to one backend outside the mesh (a ServiceEntry
// on the upstream's loopback port). Its policy and routes are small but real: the request must
// pass a JWT, a DENY rule and an ALLOW rule with a claim condition, and route-match must try
// four routes (exact, header, regex) before the one that takes it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { MeshFile } from "../../generator/resources/index.ts";

const root = join(import.meta.dirname, "..", "..");
export const BACKEND_HOST = "backend.bench";
export const REQUEST_PATH = "/api/items/42";
/** The demo token (ES256, role reader, expires 2036) that mesh/demo-jwks.json verifies. */
export const TOKEN = readFileSync(join(root, "mesh", "demo-token.jwt"), "utf8").trim();

export function benchMesh(upstreamPort: number): MeshFile[] {
  const mesh = `apiVersion: linkerd.io/v1alpha2
kind: Workload
metadata: {name: client, namespace: bench, labels: {app: client}}
spec: {address: 127.0.0.1, ports: [{port: 8080}], serviceAccount: client}
---
apiVersion: linkerd.io/v1alpha2
kind: ServiceEntry
metadata: {name: backend, namespace: bench}
spec:
  hosts: [${BACKEND_HOST}]
  ports: [{number: ${upstreamPort}, name: http, protocol: HTTP}]
  location: MESH_EXTERNAL
  resolution: STATIC
  endpoints: [{address: 127.0.0.1}]
---
apiVersion: linkerd.io/v1alpha2
kind: VirtualService
metadata: {name: backend, namespace: bench}
spec:
  hosts: [${BACKEND_HOST}]
  http:
  - name: health
    match: [{uri: {exact: /healthz}}]
    route: [{destination: {host: ${BACKEND_HOST}}}]
  - name: canary
    match: [{headers: {x-canary: {exact: "always"}}}]
    route: [{destination: {host: ${BACKEND_HOST}}}]
    headers: {request: {set: {x-variant: canary}}}
  - name: legacy
    match: [{uri: {regex: "/v[0-9]+/legacy/.*"}}]
    route: [{destination: {host: ${BACKEND_HOST}}}]
  - name: post-api
    match: [{uri: {prefix: /api/}, method: {exact: POST}}]
    route: [{destination: {host: ${BACKEND_HOST}}}]
  - name: api
    match: [{uri: {pathPrefix: /api}}]
    route: [{destination: {host: ${BACKEND_HOST}}}]
    timeout: 5s
  - name: admin
    match: [{uri: {pathPrefix: /admin}}]
    route: [{destination: {host: ${BACKEND_HOST}}}]
---
apiVersion: linkerd.io/v1alpha2
kind: MeshAuth
metadata: {name: plain, namespace: bench}
spec: {mtls: {mode: DISABLE}}
---
apiVersion: linkerd.io/v1alpha2
kind: MeshAuth
metadata: {name: client-policy, namespace: bench}
spec:
  selector: {matchLabels: {app: client}}
  jwt:
  - issuer: https://issuer.wasmesh.local
    audiences: [shop]
    jwksFile: demo-jwks.json
    outputClaimToHeaders: [{header: x-user, claim: sub}]
  rules:
  - action: DENY
    to: [{operation: {paths: ["/admin*"]}}]
  - action: ALLOW
    to: [{operation: {methods: [GET, POST], paths: ["/api/*", /healthz]}}]
    when: [{key: "request.auth.claims[role]", values: [reader]}]
---
apiVersion: linkerd.io/v1alpha2
kind: AccessLog
metadata: {name: default, namespace: bench}
spec:
  selector: {matchLabels: {app: client}}
  format: json
  sinks: [{stdout: {}}]
`;
  return [
    { path: "bench/mesh.yaml", text: mesh },
    { path: "bench/demo-jwks.json", text: readFileSync(join(root, "mesh", "demo-jwks.json"), "utf8") },
  ];
}
