// `wasmesh init <dir>`: a new mesh folder that validates, generates and runs as is: two demo
// services (web calls api) behind an ingress, mTLS between them, one allow rule, access logs.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const RESOURCES = `# Services, routes and policy of this mesh. Workloads (the sidecars) are in local/ for
# \`wasmesh up\` and in docker-compose.yml for containers.
apiVersion: v1
kind: Service
metadata: {name: web, namespace: demo}
spec:
  ports: [{name: http, port: 80, targetPort: 8080}]
  selector: {app: web}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: demo}
spec:
  ports: [{name: http, port: 80, targetPort: 8080}]
  selector: {app: api}
---
apiVersion: linkerd.io/v1alpha2
kind: VirtualService
metadata: {name: api, namespace: demo}
spec:
  hosts: [api]
  http:
  - name: all
    route:
    - destination: {host: api}
    timeout: 2s
---
apiVersion: linkerd.io/v1alpha2
kind: MeshAuth
metadata: {name: mtls, namespace: demo}
spec:
  mtls: {mode: STRICT}
---
apiVersion: linkerd.io/v1alpha2
kind: MeshAuth
metadata: {name: api-callers, namespace: demo}
spec:
  selector: {matchLabels: {app: api}}
  rules:
  - action: ALLOW
    from: [{source: {principals: ["spiffe://mesh.local/ns/demo/sa/web"]}}]
---
apiVersion: linkerd.io/v1alpha2
kind: AccessLog
metadata: {name: default, namespace: demo}
spec:
  format: json
  fields: [start_time, method, path, response_code, duration, route, peer, auth_decision]
  sampling: {percent: 100, keepErrors: true}
  sinks: [{stdout: {}}]
`;

const LOCAL_WORKLOADS = `# The process mesh's workloads (\`wasmesh up\`): each on its own loopback address.
apiVersion: linkerd.io/v1alpha2
kind: Workload
metadata: {name: ingress, namespace: demo, labels: {app: ingress}}
spec: {address: 127.0.1.10, serviceAccount: ingress}
---
apiVersion: linkerd.io/v1alpha2
kind: Workload
metadata:
  name: web
  namespace: demo
  labels: {app: web, version: v1}
  annotations: {wasmesh.dev/run: demo-service, wasmesh.dev/calls: api}
spec: {address: 127.0.1.11, ports: [{name: http, port: 8080}], serviceAccount: web}
---
apiVersion: linkerd.io/v1alpha2
kind: Workload
metadata:
  name: api
  namespace: demo
  labels: {app: api, version: v1}
  annotations: {wasmesh.dev/run: demo-service}
spec: {address: 127.0.1.12, ports: [{name: http, port: 8080}], serviceAccount: api}
`;

const COMPOSE = `# This mesh in containers (its workloads are the services labelled wasmesh.workload). From the
# mesh folder:
#   wasmesh generate . --compose compose/docker-compose.yml --output compose/envoy-configs \\
#     --wasm-dir /etc/wasmesh/wasm --cert-dir /etc/wasmesh/certs
#   wasmesh certs . --compose compose/docker-compose.yml --out compose/certs
#   WASMESH_BUILD=<wasmesh>/build docker compose -f compose/docker-compose.yml up
x-sidecar: &sidecar
  image: envoyproxy/envoy:v1.40.0
  volumes:
    - ./envoy-configs:/etc/wasmesh/envoy:ro
    - \${WASMESH_BUILD:-./wasm}:/etc/wasmesh/wasm:ro
    - ./certs:/etc/wasmesh/certs:ro

services:
  ingress:
    image: curlimages/curl:8.11.1
    command: ["sleep", "infinity"]
    labels: {wasmesh.workload: "true", wasmesh.namespace: demo, wasmesh.app: ingress}
  ingress-sidecar:
    <<: *sidecar
    network_mode: "service:ingress"
    command: ["envoy", "-c", "/etc/wasmesh/envoy/ingress.yaml", "--concurrency", "1"]
  web:
    image: node:20-alpine
    command: ["node", "-e", "require('http').createServer((q, s) => s.end('web\\\\n')).listen(8080)"]
    labels: {wasmesh.workload: "true", wasmesh.namespace: demo, wasmesh.app: web, wasmesh.version: v1, wasmesh.port: "8080"}
  web-sidecar:
    <<: *sidecar
    network_mode: "service:web"
    command: ["envoy", "-c", "/etc/wasmesh/envoy/web.yaml", "--concurrency", "1"]
  api:
    image: node:20-alpine
    command: ["node", "-e", "require('http').createServer((q, s) => s.end('api\\\\n')).listen(8080)"]
    labels: {wasmesh.workload: "true", wasmesh.namespace: demo, wasmesh.app: api, wasmesh.version: v1, wasmesh.port: "8080"}
  api-sidecar:
    <<: *sidecar
    network_mode: "service:api"
    command: ["envoy", "-c", "/etc/wasmesh/envoy/api.yaml", "--concurrency", "1"]
`;

const README = `# A wasmesh mesh

- \`wasmesh validate .\` checks the resources; \`wasmesh up .\` runs the mesh as local processes
  (the ingress's outbound listener is the entry: \`curl -H 'Host: web' http://127.0.1.10:15001/\`).
- Containers: see the comments in compose/docker-compose.yml.
`;

/** Writes the scaffold into `dir`; returns the files written. Refuses a folder that has files. */
export function scaffoldMesh(dir: string): string[] {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} exists and is not empty`);
  for (const sub of ["local", "compose"]) mkdirSync(join(dir, sub), { recursive: true });
  const files: [string, string][] = [
    ["mesh.yaml", RESOURCES],
    [join("local", "workloads.yaml"), LOCAL_WORKLOADS],
    [join("compose", "docker-compose.yml"), COMPOSE],
    ["README.md", README],
  ];
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}
