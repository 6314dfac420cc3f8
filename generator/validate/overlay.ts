// Envoy 1.40 knows messages, fields and enum values that the protos shipped by
// @grpc/grpc-js-xds (an older API snapshot) lack. envoy-overlay.json lists them, read from the
// pinned Envoy binary by tools/make-overlay.ts, and this adds them to the loaded protobufjs types.
// Overlay fields carry no protoc-gen-validate rules (the binary's descriptors are read without
// the validate extension): they are type-checked only.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import protobuf from "protobufjs";

export interface OverlayField {
  name: string;
  id: number;
  /** Scalar name, or a fully qualified message/enum name with a leading dot. */
  type: string;
  keyType?: string;
  repeated?: boolean;
  oneof?: string;
}

export interface Overlay {
  source: string;
  /** Messages missing entirely: full name → fields. */
  messages: Record<string, OverlayField[]>;
  /** Fields missing from known messages. */
  fields: Record<string, OverlayField[]>;
  /** Enum values missing (or whole enums): full name → values. */
  enums: Record<string, Record<string, number>>;
}

let overlay: Overlay | undefined;
const applied = new Set<string>();

function theOverlay(): Overlay {
  overlay ??= JSON.parse(readFileSync(join(import.meta.dirname, "envoy-overlay.json"), "utf8")) as Overlay;
  return overlay;
}

function parentOf(root: protobuf.Root, full: string): protobuf.Namespace | undefined {
  const parentName = full.slice(0, full.lastIndexOf("."));
  const found = root.lookup(parentName);
  return found instanceof protobuf.Namespace ? found : undefined;
}

function addField(type: protobuf.Type, f: OverlayField): void {
  if (type.fields[f.name]) return;
  const field: protobuf.Field = f.keyType
    ? new protobuf.MapField(f.name, f.id, f.keyType, f.type) as unknown as protobuf.Field
    : new protobuf.Field(f.name, f.id, f.type, f.repeated ? "repeated" : undefined);
  type.add(field);
  if (f.oneof) {
    let oneof = type.oneofs?.[f.oneof];
    if (!oneof) type.add((oneof = new protobuf.OneOf(f.oneof)));
    oneof.add(field);
  }
}

/** Adds what the overlay has for every type now loaded (call after each load). */
export function applyOverlay(root: protobuf.Root): void {
  const o = theOverlay();
  const names = Object.keys(o.messages).sort((a, b) => a.length - b.length);
  for (const full of names) {
    if (applied.has(`m:${full}`) || root.lookup(full)) continue;
    const parent = parentOf(root, full);
    if (!parent) continue;
    const type = new protobuf.Type(full.slice(full.lastIndexOf(".") + 1));
    parent.add(type);
    for (const f of o.messages[full]) addField(type, f);
    applied.add(`m:${full}`);
  }
  for (const [full, fields] of Object.entries(o.fields)) {
    if (applied.has(`f:${full}`)) continue;
    const type = root.lookup(full);
    if (!(type instanceof protobuf.Type)) continue;
    for (const f of fields) addField(type, f);
    applied.add(`f:${full}`);
  }
  for (const [full, values] of Object.entries(o.enums)) {
    if (applied.has(`e:${full}`)) continue;
    const existing = root.lookup(full);
    if (existing instanceof protobuf.Enum) {
      for (const [name, id] of Object.entries(values)) {
        if (Object.hasOwn(existing.values, name)) continue;
        try { existing.add(name, id); } catch { existing.values[name] = id; } // an alias of a known number
      }
    } else if (!existing) {
      const parent = parentOf(root, full);
      if (!parent) continue;
      parent.add(new protobuf.Enum(full.slice(full.lastIndexOf(".") + 1), values));
    } else continue;
    applied.add(`e:${full}`);
  }
}
