// Workloads from docker-compose service labels (see README.md for the label set). A compose
// service becomes a Workload when it carries `wasmesh.workload: "true"`.
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";
import { joinPath, positionOf } from "./positions.ts";
import type { ParsedDocument } from "./parse.ts";
import type { WorkloadResource } from "./types.ts";
import { API_VERSIONS } from "./types.ts";

export const COMPOSE_FILE = /(^|\/)(docker-)?compose(\.[\w-]+)?\.ya?ml$/;
const PREFIX = "wasmesh.";
const KNOWN = ["workload", "name", "namespace", "app", "version", "port", "ports", "address", "service-account"];
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function labelsOf(raw: unknown): Record<string, string> | undefined {
  if (Array.isArray(raw)) {
    const out: Record<string, string> = {};
    for (const item of raw) {
      const s = String(item);
      const i = s.indexOf("=");
      out[i < 0 ? s : s.slice(0, i)] = i < 0 ? "" : s.slice(i + 1);
    }
    return out;
  }
  if (raw && typeof raw === "object") {
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v === null ? "" : String(v)]));
  }
  return undefined;
}

export function composeWorkloads(doc: ParsedDocument): { workloads: WorkloadResource[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const workloads: WorkloadResource[] = [];
  const services = (doc.value as { services?: unknown })?.services;
  if (!services || typeof services !== "object" || Array.isArray(services)) return { workloads, diagnostics };
  for (const [service, def] of Object.entries(services as Record<string, any>).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const base = joinPath(joinPath("services", service), "labels");
    const labels = labelsOf(def?.labels);
    if (!labels || labels[PREFIX + "workload"] !== "true") continue;
    const bad = (key: string, message: string) => {
      const path = Array.isArray(def.labels) ? base : joinPath(base, key);
      diagnostics.push(diagnostic("WM019", positionOf(doc.source, path), path, message));
    };
    for (const key of Object.keys(labels).filter((k) => k.startsWith(PREFIX)).sort()) {
      const short = key.slice(PREFIX.length);
      if (!KNOWN.includes(short) && !short.startsWith("label.")) {
        bad(key, `unknown label "${key}"; expected one of: ${KNOWN.map((k) => PREFIX + k).join(", ")}, ${PREFIX}label.<name>`);
      }
    }
    const name = labels[PREFIX + "name"] ?? service;
    const namespace = labels[PREFIX + "namespace"] ?? "default";
    if (!NAME.test(name)) bad(PREFIX + "name", `workload name "${name}" must be a DNS label (lower-case letters, digits, '-')`);
    if (!NAME.test(namespace)) bad(PREFIX + "namespace", `namespace "${namespace}" must be a DNS label`);
    const ports: { name?: string; port: number }[] = [];
    const portList = labels[PREFIX + "ports"] ?? labels[PREFIX + "port"] ?? "";
    for (const item of portList.split(",").map((s) => s.trim()).filter(Boolean)) {
      const m = /^(?:([a-z0-9-]+):)?(\d{1,5})$/.exec(item);
      const port = m ? Number(m[2]) : NaN;
      if (!m || port < 1 || port > 65535) {
        bad(labels[PREFIX + "ports"] !== undefined ? PREFIX + "ports" : PREFIX + "port",
          `port "${item}" is not valid; expected a number 1-65535, optionally named ("http:8080")`);
      } else ports.push(m[1] ? { name: m[1], port } : { port });
    }
    const wlLabels: Record<string, string> = { app: labels[PREFIX + "app"] ?? service };
    if (labels[PREFIX + "version"] !== undefined) wlLabels.version = labels[PREFIX + "version"];
    for (const [k, v] of Object.entries(labels)) if (k.startsWith(PREFIX + "label.")) wlLabels[k.slice(PREFIX.length + 6)] = v;
    const at = positionOf(doc.source, joinPath("services", service));
    const positions = { keys: [""], ends: [1], places: [at.line, at.column] };
    workloads.push({
      kind: "Workload", apiVersion: API_VERSIONS.Workload,
      metadata: { name, namespace, labels: Object.fromEntries(Object.entries(wlLabels).sort()) },
      spec: {
        address: labels[PREFIX + "address"] ?? service,
        ports,
        serviceAccount: labels[PREFIX + "service-account"] ?? name,
      },
      source: { file: doc.source.file, document: doc.source.document, line: at.line, column: at.column, positions },
    });
  }
  return { workloads, diagnostics };
}
