// Walks a JSON/YAML-shaped Envoy config against a protobuf message type the way protobuf's JSON
// parser (Envoy's YAML loader) reads it, then applies protoc-gen-validate rules as Envoy does.
import protobuf from "protobufjs";
import { findMessageType, resolveField } from "./proto-root.ts";
import { checkRules, oneofRequired, rulesOf, type Rules } from "./pgv-rules.ts";
import { checkScalar, SCALAR_TYPES } from "./scalars.ts";
import { checkWellKnown, hasSpecialJson } from "./well-known.ts";
import { childPath, describe, indexPath, isPlainObject, type ProtoProblem } from "./problems.ts";

const MAX_DEPTH = 100; // protobuf's JSON parser recursion limit
const TYPED_STRUCTS = new Set(["udpa.type.v1.TypedStruct", "xds.type.v3.TypedStruct"]);

interface TypeInfo {
  /** Full name without the leading dot (protobufjs computes `fullName` on every read). */
  name: string;
  special: boolean;
  byKey: Map<string, protobuf.Field>;
  /** Fields that carry PGV rules, with the rules merged once. */
  ruled: Ruled[];
  oneofs: protobuf.OneOf[];
}

/** A field with PGV rules, and what is known about it before any value is seen. */
interface Ruled {
  field: protobuf.Field;
  rules: Rules;
  /** (validate.required) or a required message, Any, duration or timestamp. */
  required: boolean;
  /** What PGV says when the field is absent: the same every time (computed on first need). */
  absent?: string[];
}

const typeInfos = new WeakMap<protobuf.Type, TypeInfo>();

/** Field lookup and rules of a type, computed once (the walker visits the same types often). */
function infoOf(type: protobuf.Type): TypeInfo {
  let info = typeInfos.get(type);
  if (!info) {
    const byKey = new Map<string, protobuf.Field>();
    for (const f of type.fieldsArray) {
      byKey.set(f.name, f);
      if (f.jsonName && !byKey.has(f.jsonName)) byKey.set(f.jsonName, f);
    }
    const ruled: Ruled[] = [];
    for (const f of type.fieldsArray) {
      const r = rulesOf(f);
      if (r) ruled.push({ field: f, rules: r, required: Boolean(r.message?.required || r.any?.required || r.duration?.required || r.timestamp?.required) });
    }
    const name = type.fullName.slice(1);
    info = { name, special: hasSpecialJson(name), byKey, ruled, oneofs: type.oneofsArray.filter((o) => !isSyntheticOneof(o)) };
    typeInfos.set(type, info);
  }
  return info;
}

/** Objects known to occur more than once, and what checking each as a given type found. */
export interface ProtoMemo {
  shared: WeakSet<object>;
  /** Per object, type, and depth * 2 + (1 when checked as an Any's body). */
  results: WeakMap<object, Map<protobuf.Type, Map<number, ProtoProblem[]>>>;
}

export class MessageWalker {
  readonly problems: ProtoProblem[] = [];

  constructor(private readonly memo?: ProtoMemo) {}

  private report(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  /** Checks `value` as a message of `type`; `skipTypeKey` when it is the body of an Any. */
  message(type: protobuf.Type, value: unknown, path: string, depth = 0, skipTypeKey = false): void {
    if (this.memo && typeof value === "object" && value !== null && this.memo.shared.has(value)) {
      return this.memoized(type, value, path, depth, skipTypeKey);
    }
    this.check(type, value, path, depth, skipTypeKey);
  }

  /** A shared object is checked once per type and depth; its problems are kept relative to it. */
  private memoized(type: protobuf.Type, value: object, path: string, depth: number, skipTypeKey: boolean): void {
    const key = depth * 2 + (skipTypeKey ? 1 : 0);
    let byType = this.memo!.results.get(value);
    let found = byType?.get(type)?.get(key);
    if (!found) {
      const before = this.problems.length;
      this.check(type, value, path, depth, skipTypeKey);
      found = this.problems.slice(before).map((p) => ({ path: relativePath(path, p.path), message: p.message }));
      if (!byType) this.memo!.results.set(value, byType = new Map());
      let byDepth = byType.get(type);
      if (!byDepth) byType.set(type, byDepth = new Map());
      byDepth.set(key, found);
      return;
    }
    for (const p of found) this.problems.push({ path: rebasePath(path, p.path), message: p.message });
  }

  private check(type: protobuf.Type, value: unknown, path: string, depth: number, skipTypeKey: boolean): void {
    const info = infoOf(type);
    const name = info.name;
    if (depth > MAX_DEPTH) return this.report(path, `nesting deeper than ${MAX_DEPTH} levels`);
    if (name === "google.protobuf.Any") return this.any(value, path, depth);
    if (info.special) {
      const err = checkWellKnown(name, value);
      if (err) this.report(path, err);
      return;
    }
    if (!isPlainObject(value)) return this.report(path, `expected an object (${name}), got ${describe(value)}`);

    const seen = new Map<string, string>(); // field name → key used
    let malformed: Set<string> | undefined; // fields with a type problem: their rules are not judged
    for (const key in value) {
      if (skipTypeKey && key === "@type") continue;
      const v = value[key];
      const field = info.byKey.get(key);
      if (!field) {
        this.report(childPath(path, key), `unknown field "${key}" in ${name}`);
        continue;
      }
      if (seen.has(field.name)) {
        this.report(fieldPath(path, key), `field "${field.name}" is given twice (as "${seen.get(field.name)}" and "${key}")`);
        continue;
      }
      seen.set(field.name, key);
      const before = this.problems.length;
      if (v !== null) this.fieldValue(field, v, fieldPath(path, key), depth);
      if (this.problems.length > before) (malformed ??= new Set()).add(field.name);
    }
    // No closures, and no path is spelled unless it is needed: this runs for every object of
    // every bootstrap.
    this.oneofs(info, value, seen, path);
    this.fieldRules(info, value, seen, malformed, path);
  }

  private oneofs(info: TypeInfo, value: Record<string, unknown>, seen: Map<string, string>, path: string): void {
    for (const oneof of info.oneofs) {
      const set: string[] = [];
      for (const f of oneof.fieldsArray) if (isSet(f, value, seen)) set.push(f.name);
      if (set.length > 1) this.report(path, `only one of ${list(oneof)} may be set (oneof ${oneof.name}); got ${set.join(" and ")}`);
      if (set.length === 0 && oneofRequired(oneof)) this.report(path, `one of ${list(oneof)} is required (oneof ${oneof.name})`);
    }
  }

  private fieldRules(info: TypeInfo, value: Record<string, unknown>, seen: Map<string, string>, malformed: Set<string> | undefined, path: string): void {
    for (const entry of info.ruled) {
      const { field, rules } = entry;
      if (malformed?.has(field.name)) continue;
      const key = seen.get(field.name);
      if (isSet(field, value, seen)) {
        this.applyRules(field, rules, value[key!], path, key!);
        continue;
      }
      // PGV judges only the member of a oneof that is set, and skips unset proto3 `optional`s.
      if (field.partOf) continue;
      if (entry.required) {
        this.report(fieldPath(path, key ?? field.name), `missing required field "${field.name}"`);
        continue;
      }
      // PGV checks proto3 scalars and lists even when absent (they hold their default value).
      let absent = entry.absent;
      if (!absent) {
        const dflt = field.map ? {} : field.repeated ? [] : defaultScalar(field.type);
        absent = field.resolvedType instanceof protobuf.Type || dflt === undefined ? [] : this.ruleMessages(field, rules, dflt);
        if (field.resolvedType || SCALAR_TYPES.has(field.type)) entry.absent = absent;
      }
      if (absent.length === 0) continue;
      const at = fieldPath(path, key ?? field.name);
      for (const msg of absent) this.report(at, `missing field "${field.name}": ${msg}`);
    }
  }

  /** The rules of the field given as `key` in the object at `path`. */
  private applyRules(field: protobuf.Field, rules: Rules, value: unknown, path: string, key: string): void {
    for (const msg of this.ruleMessages(field, rules, value)) this.report(fieldPath(path, key), msg);
    const items = rules.repeated?.items;
    if (items && Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        for (const msg of checkRules(items, enumNumber(field, value[i]))) this.report(indexPath(fieldPath(path, key), i), msg);
      }
    }
  }

  private ruleMessages(field: protobuf.Field, rules: Rules, value: unknown): string[] {
    const out = checkRules(rules, field.repeated || field.map ? value : enumNumber(field, value));
    if (rules.enum && field.resolvedType instanceof protobuf.Enum && !field.repeated) {
      const n = enumNumber(field, value) as number;
      if (Array.isArray(rules.enum.in) && !rules.enum.in.map(Number).includes(n)) out.push(`value ${JSON.stringify(value)} is not allowed here`);
      if (Array.isArray(rules.enum.not_in) && rules.enum.not_in.map(Number).includes(n)) out.push(`value ${JSON.stringify(value)} is not allowed here`);
    }
    return out;
  }

  private fieldValue(field: protobuf.Field, value: unknown, path: string, depth: number): void {
    if (field.map) {
      if (!isPlainObject(value)) return this.report(path, `expected an object (map), got ${describe(value)}`);
      for (const [k, v] of Object.entries(value)) {
        const keyErr = field instanceof protobuf.MapField && field.keyType !== "string" ? checkScalar(field.keyType, k) : undefined;
        if (keyErr) this.report(childPath(path, k), `bad map key: ${keyErr}`);
        this.single(field, v, childPath(path, k), depth);
      }
    } else if (field.repeated) {
      if (!Array.isArray(value)) return this.report(path, `expected a list, got ${describe(value)}`);
      for (let i = 0; i < value.length; i++) this.single(field, value[i], indexPath(path, i), depth);
    } else {
      this.single(field, value, path, depth);
    }
  }

  private single(field: protobuf.Field, value: unknown, path: string, depth: number): void {
    if (!field.resolvedType && !SCALAR_TYPES.has(field.type)) resolveField(field);
    const t = field.resolvedType;
    if (t instanceof protobuf.Type) {
      if (value === null && t.fullName !== ".google.protobuf.Value") return this.report(path, `expected ${t.fullName.slice(1)}, got null`);
      return this.message(t, value, path, depth + 1);
    }
    if (t instanceof protobuf.Enum) return this.enumValue(t, value, path);
    const err = checkScalar(field.type, value);
    if (err) this.report(path, err);
  }

  private enumValue(e: protobuf.Enum, value: unknown, path: string): void {
    if (typeof value === "string" && Object.hasOwn(e.values, value)) return;
    if (typeof value === "number" && Number.isInteger(value) && e.valuesById[value] !== undefined) return;
    const name = e.fullName.slice(1);
    this.report(path, `expected one of ${Object.keys(e.values).join(", ")} (${name}), got ${describe(value)}`);
  }

  /** An Any: `@type` names the message, the rest of the object is that message (or its `value`). */
  private any(value: unknown, path: string, depth: number): void {
    if (!isPlainObject(value)) return this.report(path, `expected an object with "@type" (google.protobuf.Any), got ${describe(value)}`);
    const url = value["@type"];
    const at = childPath(path, "@type");
    if (typeof url !== "string") return this.report(at, `expected a type URL such as "type.googleapis.com/<message>", got ${url === undefined ? "nothing" : describe(url)}`);
    const type = resolveTypeUrl(url);
    if (!type) return this.report(at, `unknown type URL ${JSON.stringify(url)}: no such message in Envoy's protos`);
    const name = infoOf(type).name;
    if (infoOf(type).special || name === "google.protobuf.Any") {
      for (const key of Object.keys(value)) if (key !== "@type" && key !== "value") this.report(childPath(path, key), `unknown field "${key}" in an Any holding ${name} (expected only "@type" and "value")`);
      if (value.value !== undefined) this.message(type, value.value, childPath(path, "value"), depth + 1);
      return;
    }
    this.message(type, value, path, depth + 1, true);
    if (TYPED_STRUCTS.has(name)) this.typedStruct(value, path, depth);
  }

  /** TypedStruct: `value` is a Struct that must read as the message `type_url` names. */
  private typedStruct(value: Record<string, unknown>, path: string, depth: number): void {
    const url = value.type_url ?? value.typeUrl;
    if (typeof url !== "string") return;
    const type = resolveTypeUrl(url);
    if (!type) return this.report(childPath(path, "type_url"), `unknown type URL ${JSON.stringify(url)}: no such message in Envoy's protos`);
    if (isPlainObject(value.value)) this.message(type, value.value, childPath(path, "value"), depth + 1);
  }
}

/** `path` of a problem inside the object at `base`, as a suffix: "", ".field" or "[0]...". */
function relativePath(base: string, path: string): string {
  const rest = path.slice(base.length);
  return base === "" && rest !== "" && !rest.startsWith("[") ? `.${rest}` : rest;
}

function rebasePath(base: string, relative: string): string {
  return base === "" && relative.startsWith(".") ? relative.slice(1) : base + relative;
}

const typeUrls = new Map<string, protobuf.Type | undefined>();

/** Resolves `type.googleapis.com/<full name>` (any prefix up to the last '/', as protobuf does). */
function resolveTypeUrl(url: string): protobuf.Type | undefined {
  if (typeUrls.has(url)) return typeUrls.get(url);
  const slash = url.lastIndexOf("/");
  const type = slash < 0 ? undefined : findMessageType(url.slice(slash + 1));
  if (typeUrls.size < 10_000) typeUrls.set(url, type);
  return type;
}

function isSyntheticOneof(oneof: protobuf.OneOf): boolean {
  return oneof.fieldsArray.length === 1 && oneof.name.startsWith("_") && oneof.fieldsArray[0].options?.proto3_optional === true
    || (oneof.fieldsArray.length === 1 && oneof.name === `_${oneof.fieldsArray[0].name}`);
}

function list(oneof: protobuf.OneOf): string {
  return oneof.fieldsArray.map((f) => f.name).join(", ");
}

function defaultScalar(type: string): unknown {
  if (type === "string" || type === "bytes") return "";
  if (type === "bool") return undefined;
  return 0;
}

/** `path` extended by a field's key: a proto field name or its lowerCamelCase, an identifier. */
function fieldPath(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** Whether the object has field `f` (under either spelling) with a value other than null. */
function isSet(f: protobuf.Field, value: Record<string, unknown>, seen: Map<string, string>): boolean {
  const key = seen.get(f.name);
  return key !== undefined && value[key] !== null;
}

/** Enum names become their numbers so numeric PGV rules (in/not_in/const) apply. */
function enumNumber(field: protobuf.Field, value: unknown): unknown {
  const e = field.resolvedType;
  if (e instanceof protobuf.Enum && typeof value === "string") return e.values[value];
  return value;
}
