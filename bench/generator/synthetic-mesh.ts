// A synthetic mesh of a given size over 10 namespaces: `services` Services (one port each),
// `routes` VirtualServices (a prefix + header rule split 90/10 between two services, with
// timeout and retries, then a catch-all), `policies` MeshAuth rules (three per policy), and
// `workloads` sidecars that the services select by app label (service i → workload i mod count).
export interface MeshSize {
  services: number;
  routes: number;
  policies: number;
  workloads: number;
}

export function syntheticMesh(size: MeshSize): { path: string; text: string }[] {
  const namespaces = 10;
  const ns = (i: number) => `ns${i % namespaces}`;
  const docs: string[] = [];
  for (let w = 0; w < size.workloads; w++) {
    docs.push(`apiVersion: linkerd.io/v1alpha2
kind: Workload
metadata: {name: w${w}, namespace: ${ns(w)}, labels: {app: svc${w}, version: v${w % 2 + 1}}}
spec: {address: 10.0.${Math.floor(w / 250)}.${w % 250 + 1}, ports: [{name: http, port: 8080}], serviceAccount: sa${w}}`);
  }
  for (let s = 0; s < size.services; s++) {
    docs.push(`apiVersion: v1
kind: Service
metadata: {name: svc${s}, namespace: ${ns(s)}}
spec: {ports: [{name: http, port: 80, targetPort: 8080}], selector: {app: svc${s % Math.max(size.workloads, 1)}}}`);
  }
  for (let r = 0; r < size.routes; r++) {
    const s = r % size.services;
    docs.push(`apiVersion: linkerd.io/v1alpha2
kind: VirtualService
metadata: {name: vs${r}, namespace: ${ns(s)}}
spec:
  hosts: [svc${s}]
  http:
  - name: api
    match: [{uri: {prefix: /api/v${r % 3}}, headers: {x-tenant: {exact: t${r % 7}}}}]
    route:
    - {destination: {host: svc${s}}, weight: 90}
    - {destination: {host: svc${(s + 1) % size.services}.${ns(s + 1)}}, weight: 10}
    timeout: 2s
    retries: {attempts: 2, perTryTimeout: 500ms, retryOn: "5xx,connect-failure"}
  - route: [{destination: {host: svc${s}}}]`);
  }
  const perPolicy = 3;
  for (let p = 0; p < Math.ceil(size.policies / perPolicy); p++) {
    const rules = Array.from({ length: perPolicy }, (_, i) => `  - action: ${i === 0 ? "DENY" : "ALLOW"}
    from: [{source: {principals: ["spiffe://mesh.local/ns/${ns(p)}/sa/sa${(p + i) % Math.max(size.workloads, 1)}"]}}]
    to: [{operation: {methods: [GET], paths: ["/api/${i}/*"]}}]`).join("\n");
    docs.push(`apiVersion: linkerd.io/v1alpha2
kind: MeshAuth
metadata: {name: policy${p}, namespace: ${ns(p)}}
spec:
  selector: {matchLabels: {app: svc${p % Math.max(size.workloads, 1)}}}
  rules:
${rules}`);
  }
  const files: { path: string; text: string }[] = [];
  for (let i = 0; i < docs.length; i += 500) {
    files.push({ path: `mesh-${String(i / 500).padStart(3, "0")}.yaml`, text: docs.slice(i, i + 500).join("\n---\n") + "\n" });
  }
  return files;
}
