// Writes generator/validate/envoy-overlay.json: the messages, fields and enum values that the
// pinned Envoy binary knows but the protos shipped by @grpc/grpc-js-xds (an older API snapshot)
// lack. Run after changing the pinned Envoy (--check only compares):
//   WASMESH_NO_PROTO_OVERLAY=1 node --import tsx generator/validate/tools/make-overlay.ts [--check] [path/to/envoy]
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import protobuf from "protobufjs";
import { envoyFileDescriptors } from "./envoy-descriptors.ts";
import { findMessageType, findEnum } from "../proto-root.ts";
import type { Overlay, OverlayField } from "../overlay.ts";

const SCALARS: Record<number, string> = {
  1: "double", 2: "float", 3: "int64", 4: "uint64", 5: "int32", 6: "fixed64", 7: "fixed32", 8: "bool",
  9: "string", 12: "bytes", 13: "uint32", 15: "sfixed32", 16: "sfixed64", 17: "sint32", 18: "sint64",
};

type D = Record<string, any>;

function fieldOf(msg: D, f: D): OverlayField {
  const out: OverlayField = { name: f.name, id: f.number, type: SCALARS[f.type] ?? f.typeName };
  const entry = (msg.nestedType ?? []).find((n: D) => `.${n.name}` === f.typeName?.slice(f.typeName.lastIndexOf(".")) && n.options?.mapEntry);
  if (entry) {
    const [k, v] = entry.field;
    return { name: f.name, id: f.number, type: SCALARS[v.type] ?? v.typeName, keyType: SCALARS[k.type] };
  }
  if (f.label === 3) out.repeated = true;
  if (f.oneofIndex !== undefined && f.oneofIndex !== null && !f.proto3Optional) out.oneof = msg.oneofDecl[f.oneofIndex].name;
  return out;
}

function visit(overlay: Overlay, msg: D, full: string): void {
  const known = findMessageType(full);
  const fields = (msg.field ?? []).map((f: D) => fieldOf(msg, f));
  if (!known) overlay.messages[full] = fields;
  else {
    const missing = fields.filter((f: OverlayField) => !known.fields[f.name]);
    if (missing.length) overlay.fields[full] = missing;
  }
  for (const e of msg.enumType ?? []) visitEnum(overlay, e, `${full}.${e.name}`);
  for (const n of msg.nestedType ?? []) if (!n.options?.mapEntry) visit(overlay, n, `${full}.${n.name}`);
}

function visitEnum(overlay: Overlay, e: D, full: string): void {
  const known = findEnum(full);
  const values: Record<string, number> = {};
  for (const v of e.value ?? []) if (!known || !Object.hasOwn(known.values, v.name)) values[v.name] = v.number;
  if (Object.keys(values).length) overlay.enums[full] = values;
}

/** The overlay for `binary`, compared against the shipped protos (run with WASMESH_NO_PROTO_OVERLAY=1). */
export function computeOverlay(binary: string): Overlay {
  const overlay: Overlay = { source: "", messages: {}, fields: {}, enums: {} };
  const files = [...envoyFileDescriptors(binary).values()]
    .map((f) => (f as protobuf.Message).$type.toObject(f, { enums: Number, longs: Number }) as D)
    .filter((f) => /^(envoy|xds|udpa)\//.test(f.name)).sort((a, b) => a.name.localeCompare(b.name));
  for (const f of files) {
    for (const m of f.messageType ?? []) visit(overlay, m, `${f.package}.${m.name}`);
    for (const e of f.enumType ?? []) visitEnum(overlay, e, `${f.package}.${e.name}`);
  }
  overlay.source = `Envoy binary: ${files.length} Envoy proto files`;
  return overlay;
}

export function serialize(overlay: Overlay): string {
  return JSON.stringify(overlay).replace(/\],"/g, '],\n"') + "\n";
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  if (!process.env.WASMESH_NO_PROTO_OVERLAY) throw new Error("run with WASMESH_NO_PROTO_OVERLAY=1 (compare against the shipped protos alone)");
  const check = process.argv.includes("--check");
  const binary = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? join(process.cwd(), ".envoy/envoy/_bin/envoy");
  const out = join(import.meta.dirname, "..", "envoy-overlay.json");
  const text = serialize(computeOverlay(binary));
  if (check) {
    const same = readFileSync(out, "utf8") === text;
    console.log(same ? `${out}: matches ${binary}` : `${out}: differs from what ${binary} gives; re-run without --check`);
    process.exitCode = same ? 0 : 1;
  } else {
    writeFileSync(out, text);
    console.log(`${out}: written from ${binary}`);
  }
}
