// Protobuf JSON mapping of scalar values, as protobuf's JSON parser (which Envoy's YAML loader
// uses) accepts them: integers as numbers or decimal strings, 64-bit ranges checked exactly,
// floats also as "NaN"/"Infinity", bytes as base64.
import { describe } from "./problems.ts";

const INT_RANGES: Record<string, [bigint, bigint]> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n], sint32: [-(2n ** 31n), 2n ** 31n - 1n], sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n], fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n], sint64: [-(2n ** 63n), 2n ** 63n - 1n], sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n], fixed64: [0n, 2n ** 64n - 1n],
};

export const SCALAR_TYPES = new Set([...Object.keys(INT_RANGES), "double", "float", "bool", "string", "bytes"]);

/** Checks a scalar; returns an error message, or undefined when the value is acceptable. */
export function checkScalar(type: string, value: unknown): string | undefined {
  const range = INT_RANGES[type];
  if (range) return checkInteger(type, range, value);
  switch (type) {
    case "double":
    case "float":
      if (typeof value === "number" && Number.isFinite(value)) return undefined;
      if (typeof value === "string" && (/^(NaN|-?Infinity)$/.test(value) || (value.trim() !== "" && Number.isFinite(Number(value))))) return undefined;
      return `expected a number (${type}), got ${describe(value)}`;
    case "bool":
      return typeof value === "boolean" ? undefined : `expected true or false, got ${describe(value)}`;
    case "string":
      return typeof value === "string" ? undefined : `expected a string, got ${describe(value)}`;
    case "bytes":
      return typeof value === "string" && /^[A-Za-z0-9+/_-]*={0,2}$/.test(value)
        ? undefined : `expected base64-encoded bytes, got ${describe(value)}`;
  }
  return `unsupported scalar type ${type}`;
}

function checkInteger(type: string, [min, max]: [bigint, bigint], value: unknown): string | undefined {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= Number(min) && value <= Number(max)) return undefined;
  let n: bigint;
  if (typeof value === "number" && Number.isInteger(value)) n = BigInt(value);
  else if (typeof value === "string" && /^-?[0-9]+$/.test(value)) n = BigInt(value);
  else return `expected an integer (${type}), got ${describe(value)}`;
  if (n < min || n > max) return `${n} is out of range for ${type} (${min}..${max})`;
  return undefined;
}

/** The numeric value of an already-checked integer or float, for range rules. */
export function numericValue(value: unknown): number {
  return typeof value === "number" ? value : Number(value);
}
