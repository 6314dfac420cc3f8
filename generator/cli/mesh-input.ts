import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { MeshInputFile } from "./pipeline-api.ts";

export class InputError extends Error {}

const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * The mesh folder's files, sorted by path: every non-hidden file at its top level (the *.yaml
 * resources, and files they refer to such as a `jwksFile`), plus *.json files in subfolders
 * (JWKS referred to as `keys/jwks.json`). Extra files (docker-compose files) come last.
 */
export function readMeshInput(folder: string, extra: string[] = []): MeshInputFile[] {
  let paths: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new InputError(`${folder}: not a folder (expected the mesh folder with *.yaml files)`);
    paths = listMeshFiles(folder, true);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${folder}: cannot read the mesh folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return [...paths.sort(), ...extra].map((path) => {
    try {
      if (statSync(path).size > MAX_FILE_BYTES) throw new InputError(`${path}: larger than ${MAX_FILE_BYTES} bytes`);
      return { path, text: readFileSync(path, "utf8") };
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  });
}

function listMeshFiles(dir: string, top: boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listMeshFiles(path, false));
    else if (entry.isFile() && (top || entry.name.endsWith(".json"))) out.push(path);
  }
  return out;
}
