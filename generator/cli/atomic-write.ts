// Writes a whole output folder or nothing: the files go to a temporary folder next to the
// target, which then replaces the target with renames on the same filesystem. The output
// folder belongs to wasmesh: files it did not generate are removed with the old folder.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, normalize, sep } from "node:path";
import type { OutputFile } from "./pipeline-api.ts";

/** An output path must stay inside the output folder. */
export function checkOutputPath(path: string): void {
  const n = normalize(path);
  if (path === "" || isAbsolute(path) || n === ".." || n.startsWith(`..${sep}`) || n.includes(`${sep}..${sep}`)) {
    throw new Error(`refusing to write outside the output folder: ${JSON.stringify(path)}`);
  }
}

export function writeFolderAtomically(target: string, files: OutputFile[]): void {
  for (const f of files) checkOutputPath(f.path);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(target)}.new-`));
  try {
    for (const f of files) {
      const file = join(staging, f.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, f.text);
    }
    if (!existsSync(target)) {
      renameSync(staging, target);
      return;
    }
    const old = `${staging.replace(/\.new-/, ".old-")}`;
    renameSync(target, old);
    try {
      renameSync(staging, target);
    } catch (e) {
      renameSync(old, target); // put the previous output back
      throw e;
    }
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
