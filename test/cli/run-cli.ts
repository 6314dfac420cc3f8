import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BIN = join(root, "bin", "wasmesh.js");
export const FAKE_PIPELINE = join(root, "test", "cli", "fixtures", "fake-pipeline.ts");

export interface CliResult { code: number | null; stdout: string; stderr: string }

/** Runs `node bin/wasmesh.js …` in `cwd`; `pipeline`: the generator behind the CLI (null: the real one). */
export function runCli(args: string[], cwd: string, pipeline: string | null = FAKE_PIPELINE): CliResult {
  const env = { ...process.env };
  if (pipeline) env.WASMESH_PIPELINE = pipeline; else delete env.WASMESH_PIPELINE;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: "utf8", timeout: 60000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temp project folder with `files` (relative path → text). */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "wasmesh-cli-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Every file under `dir` with its content and mtime, to prove a folder did not change. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else out[full.slice(dir.length + 1)] = `${st.mtimeMs} ${readFileSync(full, "utf8")}`;
    }
  };
  walk(dir);
  return out;
}

export function workload(name: string, labels: Record<string, string> = {}): string {
  return `apiVersion: linkerd.io/v1alpha2\nkind: Workload\nmetadata:\n  name: ${name}\n  labels: ${JSON.stringify({ app: name, ...labels })}\nspec:\n  address: 127.0.0.1\n`;
}
