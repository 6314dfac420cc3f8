// Problems found in an Envoy config, each at a JSON path such as
// static_resources.listeners[0].filter_chains[0].filters[0].typed_config.stat_prefix.

export interface ProtoProblem {
  path: string;
  message: string;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `path` extended by an object key: `.key`, or `["key"]` when the key is not an identifier. */
export function childPath(path: string, key: string): string {
  if (IDENT.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** A short description of a JSON value's type, for "expected X, got Y" messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  return `${typeof value} ${String(value)}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
