// Runs the local mesh's processes (demo services, Envoy sidecars, the collector): prefixed output,
// readiness checks, one stop for all, and a pid file so `wasmesh down` can stop a mesh that was
// left running. A process that dies during start-up stops everything and reports its output.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Ready when this URL answers 200 (Envoy admin /ready), or when this TCP address accepts. */
  readyUrl?: string;
  readyTcp?: { host: string; port: number };
}

export interface Running {
  spec: ProcessSpec;
  child: ChildProcess;
  output: string[];
}

export class Supervisor {
  readonly running: Running[] = [];
  private stopping = false;

  constructor(private pidFile: string, private onLine: (name: string, line: string) => void) {}

  start(spec: ProcessSpec): Running {
    const child = spawn(spec.command, spec.args, { env: { ...process.env, ...spec.env }, stdio: ["ignore", "pipe", "pipe"] });
    const entry: Running = { spec, child, output: [] };
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (!line) continue;
        entry.output.push(line);
        if (entry.output.length > 200) entry.output.shift();
        this.onLine(spec.name, line);
      }
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    this.running.push(entry);
    this.writePids();
    return entry;
  }

  /** Resolves when the process is ready; rejects when it exits first or the deadline passes. */
  async waitReady(entry: Running, timeoutMs = 20000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (entry.child.exitCode !== null || entry.child.signalCode !== null) {
        throw new Error(`${entry.spec.name} exited (${entry.child.exitCode ?? entry.child.signalCode}) during start-up:\n  ${entry.output.slice(-15).join("\n  ")}`);
      }
      if (await isReady(entry.spec)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`${entry.spec.name} was not ready after ${timeoutMs / 1000}s:\n  ${entry.output.slice(-15).join("\n  ")}`);
  }

  /** SIGTERM to every process (reverse start order), SIGKILL after the grace period. */
  async stopAll(graceMs = 5000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await Promise.all([...this.running].reverse().map(({ child }) => stopChild(child, graceMs)));
    rmSync(this.pidFile, { force: true });
  }

  private writePids(): void {
    const pids = this.running.map(({ spec, child }) => ({ name: spec.name, pid: child.pid }));
    writeFileSync(this.pidFile, JSON.stringify({ supervisor: process.pid, processes: pids }, null, 2) + "\n");
  }
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => { clearTimeout(timer); resolve(); });
    child.kill("SIGTERM");
  });
}

async function isReady(spec: ProcessSpec): Promise<boolean> {
  if (spec.readyUrl) {
    try {
      const res = await fetch(spec.readyUrl, { signal: AbortSignal.timeout(1000) });
      return res.status === 200;
    } catch {
      return false;
    }
  }
  if (spec.readyTcp) {
    const { host, port } = spec.readyTcp;
    return new Promise((resolve) => {
      const socket = connect({ host, port }, () => { socket.destroy(); resolve(true); });
      socket.on("error", () => resolve(false));
    });
  }
  return true;
}

/** Stops the processes a pid file lists (a mesh left running); returns how many were signalled. */
export function stopFromPidFile(pidFile: string): number {
  if (!existsSync(pidFile)) return 0;
  const { supervisor, processes } = JSON.parse(readFileSync(pidFile, "utf8")) as {
    supervisor: number; processes: { name: string; pid: number }[];
  };
  let signalled = 0;
  for (const pid of [supervisor, ...processes.map((p) => p.pid)]) {
    try {
      process.kill(pid, "SIGTERM");
      signalled++;
    } catch {
      // already gone
    }
  }
  rmSync(pidFile, { force: true });
  return signalled;
}

/** Whether some process already listens on host:port (to report a taken port before starting). */
export function portTaken(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => { socket.destroy(); resolve(true); });
    socket.on("error", () => resolve(false));
  });
}
