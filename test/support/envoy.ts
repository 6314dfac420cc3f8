// Runs the real, pinned Envoy for tests: free loopback ports, admin /ready wait, captured log,
// and a stop that always waits for the exit.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { envoyBin } from "./paths.ts";
import { track, stopProcess } from "./processes.ts";

export interface EnvoyOptions {
  /** Bootstrap as an object (written as YAML) or YAML text. */
  bootstrap: object | string;
  /** Envoy's admin port, which the bootstrap must use (see `adminBlock`). */
  adminPort: number;
  concurrency?: number;
  /** Extra `--component-log-level` entries; wasm:debug is always on. */
  logLevels?: string;
  readyTimeoutMs?: number;
}

export interface RunningEnvoy {
  process: ChildProcess;
  adminUrl: string;
  /** Everything Envoy printed so far (stdout and stderr). */
  log(): string;
  stop(): Promise<void>;
}

export function adminBlock(port: number): object {
  return { address: { socket_address: { address: "127.0.0.1", port_value: port } } };
}

function writeBootstrap(bootstrap: object | string): string {
  const dir = mkdtempSync(join(tmpdir(), "wasmesh-envoy-"));
  const file = join(dir, "envoy.yaml");
  writeFileSync(file, typeof bootstrap === "string" ? bootstrap : stringify(bootstrap));
  return file;
}

/** Starts Envoy and resolves once admin /ready answers LIVE; rejects with Envoy's log if it exits. */
export async function startEnvoy(options: EnvoyOptions): Promise<RunningEnvoy> {
  const file = writeBootstrap(options.bootstrap);
  const args = ["-c", file, "--use-dynamic-base-id", "--concurrency", String(options.concurrency ?? 1),
    "--component-log-level", ["wasm:debug", options.logLevels].filter(Boolean).join(","),
    "--log-format", "[%Y-%m-%d %T.%e][%l][%n] %v"];
  const child = spawn(envoyBin(), args, { stdio: ["ignore", "pipe", "pipe"] });
  track(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const adminUrl = `http://127.0.0.1:${options.adminPort}`;
  const envoy: RunningEnvoy = { process: child, adminUrl, log: () => output, stop: () => stopProcess(child) };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 15000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new EnvoyExitedError(`Envoy exited with code ${child.exitCode} before it was ready`, output);
    }
    try {
      const res = await fetch(`${adminUrl}/ready`);
      if (res.status === 200 && (await res.text()).trim() === "LIVE") return envoy;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await envoy.stop();
  throw new EnvoyExitedError("Envoy was not ready in time", output);
}

export class EnvoyExitedError extends Error {
  constructor(message: string, readonly log: string) {
    super(`${message}\n--- envoy log (tail) ---\n${log.split("\n").slice(-30).join("\n")}`);
  }
}

/** `envoy --mode validate`: whether Envoy accepts the bootstrap, with its output. */
export function validateBootstrap(bootstrap: object | string): { ok: boolean; output: string } {
  const file = writeBootstrap(bootstrap);
  const r = spawnSync(envoyBin(), ["--mode", "validate", "-c", file, "--use-dynamic-base-id", "-l", "error"],
    { encoding: "utf8", timeout: 60000 });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}
