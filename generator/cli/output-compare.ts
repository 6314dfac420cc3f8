// Compares what would be generated with what the output folder holds (for `check` and `diff`).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { OutputFile } from "./pipeline-api.ts";

export interface FileChange {
  path: string;
  kind: "added" | "removed" | "changed";
  /** On disk now (absent for added). */
  current?: string;
  /** Would be written (absent for removed). */
  generated?: string;
}

function listFiles(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(root, full));
    else out.push(relative(root, full));
  }
  return out;
}

/** Every difference between `folder` on disk and `outputs`, sorted by path. */
export function compareOutputs(folder: string, outputs: OutputFile[]): FileChange[] {
  const onDisk = existsSync(folder) ? listFiles(folder) : [];
  const generated = new Map(outputs.map((o) => [o.path, o.text]));
  const changes: FileChange[] = [];
  for (const path of onDisk) {
    const current = readFileSync(join(folder, path), "utf8");
    const next = generated.get(path);
    if (next === undefined) changes.push({ path, kind: "removed", current });
    else if (next !== current) changes.push({ path, kind: "changed", current, generated: next });
  }
  for (const [path, text] of generated) if (!onDisk.includes(path)) changes.push({ path, kind: "added", generated: text });
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
