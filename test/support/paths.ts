import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The release build of a filter: build/<name>.wasm (run `npm run build` first). */
export function wasmPath(filter: string, debug = false): string {
  const p = join(projectRoot, "build", ...(debug ? ["debug"] : []), `${filter}.wasm`);
  if (!existsSync(p)) throw new Error(`${p} is missing: run \`npm run build\``);
  return p;
}

/** The pinned Envoy (scripts/install-envoy.sh), or ENVOY_BIN when set. */
export function envoyBin(): string {
  const bin = process.env.ENVOY_BIN ?? join(projectRoot, ".envoy", "envoy", "_bin", "envoy");
  if (!existsSync(bin)) throw new Error(`Envoy not found at ${bin}: run \`npm run setup\``);
  return bin;
}

/** A file of ../shared beside the project (where CI puts its copy), else of /work/shared. */
export function sharedFile(name: string): string {
  const beside = join(projectRoot, "..", "shared", name);
  return existsSync(beside) ? beside : join("/work/shared", name);
}
