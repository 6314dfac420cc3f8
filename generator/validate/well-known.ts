// Google's well-known types have their own JSON forms: a Duration is "1.5s", a wrapper is its
// plain value, a Struct any object. Any is handled by the walker (it needs the type registry).
import { checkScalar } from "./scalars.ts";
import { describe, isPlainObject } from "./problems.ts";

const WRAPPERS: Record<string, string> = {
  DoubleValue: "double", FloatValue: "float", Int64Value: "int64", UInt64Value: "uint64",
  Int32Value: "int32", UInt32Value: "uint32", BoolValue: "bool", StringValue: "string", BytesValue: "bytes",
};

const MAX_DURATION_SECONDS = 315_576_000_000;
const DURATION = /^(-)?([0-9]+)(?:\.([0-9]{1,9}))?s$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})$/;

/** Full name (without the leading dot) → the scalar type a wrapper holds. */
export function wrappedScalar(fullName: string): string | undefined {
  return fullName.startsWith("google.protobuf.") ? WRAPPERS[fullName.slice(16)] : undefined;
}

/** Whether this type has a special JSON form (an Any holding it puts that form under "value"). */
export function hasSpecialJson(fullName: string): boolean {
  return wrappedScalar(fullName) !== undefined ||
    ["Duration", "Timestamp", "FieldMask", "Struct", "Value", "ListValue"].some((n) => fullName === `google.protobuf.${n}`);
}

/** Parses a protobuf JSON Duration into seconds; undefined when it is not one. */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const m = DURATION.exec(value);
  if (!m) return undefined;
  const seconds = Number(m[2]) + Number(`0.${m[3] ?? "0"}`);
  if (Number(m[2]) > MAX_DURATION_SECONDS) return undefined;
  return m[1] ? -seconds : seconds;
}

/**
 * Checks a value of a well-known type that has a special JSON form.
 * Returns an error message, or undefined when fine; `null` means "not a special type".
 */
export function checkWellKnown(fullName: string, value: unknown): string | undefined | null {
  const scalar = wrappedScalar(fullName);
  if (scalar) return checkScalar(scalar, value);
  switch (fullName) {
    case "google.protobuf.Duration":
      return durationSeconds(value) !== undefined ? undefined
        : `expected a duration such as "1.5s" (seconds with an "s" suffix, at most 9 decimals), got ${describe(value)}`;
    case "google.protobuf.Timestamp":
      return typeof value === "string" && TIMESTAMP.test(value) ? undefined
        : `expected an RFC 3339 timestamp such as "2026-01-01T00:00:00Z", got ${describe(value)}`;
    case "google.protobuf.FieldMask":
      return typeof value === "string" ? undefined : `expected a field mask string, got ${describe(value)}`;
    case "google.protobuf.Struct":
      return isPlainObject(value) ? undefined : `expected an object (google.protobuf.Struct), got ${describe(value)}`;
    case "google.protobuf.ListValue":
      return Array.isArray(value) ? undefined : `expected a list (google.protobuf.ListValue), got ${describe(value)}`;
    case "google.protobuf.Value":
      return value === undefined ? "expected a JSON value" : undefined;
    case "google.protobuf.Empty":
      return isPlainObject(value) && Object.keys(value).length === 0 ? undefined : `expected {} (google.protobuf.Empty), got ${describe(value)}`;
  }
  return null;
}
