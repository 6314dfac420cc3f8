import { readFileSync } from "node:fs";

/** The Envoy version wasmesh generates for and tests against (scripts/install-envoy.sh pins it). */
export const ENVOY_VERSION = "1.40.0";

export function wasmeshVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}
