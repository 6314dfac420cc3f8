// `location` in a ServiceEntry: Istio's MESH_EXTERNAL / MESH_INTERNAL, or — as the user's design
// document writes it — a namespace. Both are accepted; a warning says which reading applied.
import { diagnostic, type Diagnostic } from "../diagnostics/index.ts";
import { positionOf } from "./positions.ts";
import type { Resource } from "./types.ts";

export function readLocation(r: Resource, declaredNamespace: string | undefined, diagnostics: Diagnostic[]): Resource {
  const location = r.spec.location as string | undefined;
  if (location === undefined || location === "MESH_EXTERNAL" || location === "MESH_INTERNAL") {
    return { ...r, spec: { ...r.spec, location: location ?? "MESH_EXTERNAL" } };
  }
  const at = positionOf(r.source, "spec.location");
  if (declaredNamespace !== undefined && declaredNamespace !== location) {
    diagnostics.push(diagnostic("WM025", at, "spec.location",
      `location "${location}" read as a namespace contradicts metadata.namespace "${declaredNamespace}"; expected MESH_EXTERNAL, MESH_INTERNAL or "${declaredNamespace}"`));
  } else {
    diagnostics.push(diagnostic("WM008", at, "spec.location",
      `location "${location}" is not MESH_EXTERNAL or MESH_INTERNAL: read as the namespace the service lives in (namespace "${location}", location MESH_INTERNAL)`));
  }
  return {
    ...r,
    metadata: { ...r.metadata, namespace: declaredNamespace ?? location },
    spec: { ...r.spec, location: "MESH_INTERNAL" },
  };
}
