// Envoy's protos (shipped by @grpc/grpc-js-xds), loaded once per process with protobufjs.
// The bootstrap's files load up front; a message named only by an Any `@type` (an extension's
// config) loads on first use, from the folder its package names.
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import protobuf from "protobufjs";
import { applyOverlay } from "./overlay.ts";

const require = createRequire(import.meta.url);
const DEPS = join(dirname(require.resolve("@grpc/grpc-js-xds/package.json")), "deps");
const PROTOBUFJS = dirname(require.resolve("protobufjs/package.json"));
/** Include paths, like protoc's -I: Envoy, Google, protoc-gen-validate, xds; protobufjs for descriptor.proto. */
const INCLUDES = [...["envoy-api", "googleapis", "protoc-gen-validate", "xds"].map((d) => join(DEPS, d)), PROTOBUFJS];

export const BOOTSTRAP_TYPE = "envoy.config.bootstrap.v3.Bootstrap";

let root: protobuf.Root | undefined;
/** Off only while tools/make-overlay.ts compares the shipped protos with the binary. */
let useOverlay = !process.env.WASMESH_NO_PROTO_OVERLAY;
const loadedDirs = new Set<string>();
const missing = new Set<string>();

function resolvePath(_origin: string, target: string): string {
  for (const dir of INCLUDES) {
    const file = join(dir, target);
    if (existsSync(file)) return file;
  }
  return target; // protobufjs serves google/protobuf/{any,duration,...}.proto from its own copies
}

function theRoot(): protobuf.Root {
  if (!root) {
    root = new protobuf.Root();
    root.resolvePath = resolvePath;
    root.loadSync(["envoy/config/bootstrap/v3/bootstrap.proto"], { keepCase: true });
    if (useOverlay) applyOverlay(root);
    resolveLeniently(root);
  }
  return root;
}

function lookupLoaded(name: string): protobuf.Type | undefined {
  const found = theRoot().lookup(name);
  return found instanceof protobuf.Type ? found : undefined;
}

/** Loads every .proto of the package folder a full message name points into (once). */
function loadPackageOf(name: string): void {
  const parts = name.split(".");
  for (let n = parts.length - 1; n > 0; n--) {
    const rel = parts.slice(0, n).join("/");
    for (const inc of INCLUDES) {
      const dir = join(inc, rel);
      if (loadedDirs.has(dir) || !existsSync(dir)) continue;
      const files = readdirSync(dir).filter((f) => f.endsWith(".proto"));
      if (files.length === 0) continue;
      loadedDirs.add(dir);
      for (const f of files) {
        // A file whose imports are not shipped (e.g. Prometheus' protos) is skipped; its
        // messages then count as unknown.
        try { theRoot().loadSync(join(rel, f), { keepCase: true }); } catch { /* skipped */ }
      }
      if (useOverlay) applyOverlay(theRoot());
      resolveLeniently(theRoot());
      return;
    }
  }
}

/** The message type with this full name (no leading dot), loading its package if needed. */
export function findMessageType(name: string): protobuf.Type | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(name)) return undefined;
  const loaded = lookupLoaded(name);
  if (loaded || missing.has(name)) return loaded;
  loadPackageOf(name);
  const found = lookupLoaded(name);
  if (!found) missing.add(name);
  return found;
}

/** Resolves every field it can; a field naming a type that is not loaded stays unresolved. */
function resolveLeniently(ns: protobuf.NamespaceBase): void {
  for (const nested of ns.nestedArray) {
    if (nested instanceof protobuf.Type) {
      for (const f of nested.fieldsArray) if (!f.resolved) try { f.resolve(); } catch { /* later */ }
    }
    if (nested instanceof protobuf.Namespace) resolveLeniently(nested);
  }
}

/** Resolves a field whose type was not loaded yet (overlay fields may point into other packages). */
export function resolveField(field: protobuf.Field): void {
  if (field.resolvedType || !field.type.includes(".")) return;
  const name = field.type.startsWith(".") ? field.type.slice(1) : field.type;
  if (!findMessageType(name)) findEnum(name);
  try { field.resolved = false; field.resolve(); } catch { /* unknown type: reported by the walker */ }
}

/** The enum with this full name, loading its package if needed. */
export function findEnum(name: string): protobuf.Enum | undefined {
  const parent = name.slice(0, name.lastIndexOf("."));
  findMessageType(parent) ?? loadPackageOf(name);
  const found = theRoot().lookup(name);
  return found instanceof protobuf.Enum ? found : undefined;
}

/** The Bootstrap message type (loads Envoy's protos on first call, ~150 ms). */
export function bootstrapType(): protobuf.Type {
  return findMessageType(BOOTSTRAP_TYPE)!;
}
