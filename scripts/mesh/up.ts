// `wasmesh up`: generates the mesh's bootstraps, makes its certificates, and runs every app and
// Envoy sidecar as local processes on their own 127.0.0.x addresses, until Ctrl-C.
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, type WriteStream } from "node:fs";
import { join, resolve } from "node:path";
import { generate } from "../../generator/pipeline.ts";
import { readMeshInput } from "../../generator/cli/mesh-input.ts";
import { formatDiagnostic } from "../../generator/diagnostics/index.ts";
import { makeMeshCertificates } from "./certs.ts";
import { planLocalMesh, type LocalMesh } from "./local-plan.ts";
import { Supervisor, portTaken, stopFromPidFile } from "./supervisor.ts";

export const projectRoot = resolve(import.meta.dirname, "..", "..");
const FILTERS = ["auth-policy", "route-match", "access-log"];

export interface UpOptions {
  meshDir: string;
  /** Where configs, certificates, logs and the pid file go (git-ignored). */
  stateDir?: string;
  print?: (line: string) => void;
}

export interface RunningMesh {
  mesh: LocalMesh;
  supervisor: Supervisor;
  stop(): Promise<void>;
}

function prepare(print: (line: string) => void): void {
  if (FILTERS.some((f) => !existsSync(join(projectRoot, "build", `${f}.wasm`)))) {
    print("building the filters …");
    run(process.execPath, [join(projectRoot, "scripts", "build-filters.mjs")]);
  }
  run("bash", [join(projectRoot, "scripts", "install-envoy.sh")]);
}

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { cwd: projectRoot, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

function envoyBin(): string {
  return process.env.ENVOY_BIN ?? join(projectRoot, ".envoy", "envoy", "_bin", "envoy");
}

/** Generates, checks ports, starts everything; resolves once every sidecar's admin /ready answers. */
export async function meshUp(options: UpOptions): Promise<RunningMesh> {
  const print = options.print ?? ((line: string) => console.log(line));
  const stateDir = resolve(options.stateDir ?? join(projectRoot, ".mesh"));
  const pidFile = join(stateDir, "mesh.pid.json");
  if (existsSync(pidFile)) throw new Error(`a mesh is already running from ${stateDir} (stop it with \`wasmesh down\`)`);
  prepare(print);

  const configDir = join(stateDir, "envoy"), certDir = join(stateDir, "certs"), logDir = join(stateDir, "logs");
  const files = readMeshInput(options.meshDir, localOverlay(options.meshDir));
  const result = generate({ files, options: { wasmDir: join(projectRoot, "build"), certDir } });
  for (const d of result.diagnostics) print(formatDiagnostic(d));
  if (result.outputs.length === 0) throw new Error(`${options.meshDir}: the mesh has errors; nothing was started`);
  rmSync(configDir, { recursive: true, force: true });
  for (const dir of [configDir, logDir]) mkdirSync(dir, { recursive: true });
  for (const out of result.outputs) writeFileSync(join(configDir, out.path), out.text);
  makeMeshCertificates(certDir, result.model.workloads.map((w) => ({ workload: w.id.replace("/", "."), spiffeId: w.spiffeId })));

  const mesh = planLocalMesh(result, resolve(options.meshDir), configDir);
  const wanted = [
    ...mesh.apps.map((a) => ({ who: a.name, ...a.readyTcp! })),
    ...mesh.sidecars.flatMap((s) => [...s.listeners.map((l) => ({ who: `${s.name} ${l.name}`, host: l.address, port: l.port })),
      { who: `${s.name} admin`, ...hostPort(s.adminUrl) }]),
  ];
  const taken = (await Promise.all(wanted.map(async (w) => ((await portTaken(w.host, w.port)) ? w : null)))).filter(Boolean);
  if (taken.length > 0) {
    throw new Error(`ports already in use, nothing was started:\n${taken.map((t) => `  ${t!.host}:${t!.port} (for ${t!.who})`).join("\n")}`);
  }

  const logs = new Map<string, WriteStream>();
  const supervisor = new Supervisor(pidFile, (name, line) => {
    if (!logs.has(name)) logs.set(name, createWriteStream(join(logDir, `${name}.log`)));
    logs.get(name)!.write(line + "\n");
    const record = /wasm log access-log[^:]*: (.*)$/.exec(line);
    if (record) print(`${name.replace(/-sidecar$/, "").padEnd(12)} │ ${record[1]}`);
  });
  const stop = async () => {
    await supervisor.stopAll();
    for (const stream of logs.values()) stream.end();
  };
  try {
    for (const app of mesh.apps) await supervisor.waitReady(supervisor.start(app));
    for (const s of mesh.sidecars) {
      const entry = supervisor.start({
        name: s.name, command: envoyBin(), readyUrl: `${s.adminUrl}/ready`,
        args: ["-c", s.configFile, "--use-dynamic-base-id", "--concurrency", "1", "--log-format", "[%l][%n] %v"],
      });
      print(`starting ${s.name} …`);
      await supervisor.waitReady(entry, 30000);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { mesh, supervisor, stop };
}

/** `<mesh>/local/*.yaml`: what only the process mesh uses (workloads on 127.0.0.x, stand-ins). */
export function localOverlay(meshDir: string): string[] {
  const dir = join(meshDir, "local");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
}

function hostPort(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port) };
}

export function meshTable(mesh: LocalMesh): string {
  const rows = [["workload", "listeners", "admin"]];
  for (const s of mesh.sidecars) rows.push([s.workload, s.listeners.map((l) => `${l.name} ${l.address}:${l.port}`).join(", "), s.adminUrl]);
  for (const a of mesh.apps) rows.push([`${a.name} (app)`, `${a.readyTcp!.host}:${a.readyTcp!.port}`, ""]);
  const width = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(width[i])).join("  ").trimEnd()).join("\n");
}

/** `wasmesh down`: stops a mesh started from `stateDir` that is still running. */
export function meshDown(stateDir = join(projectRoot, ".mesh")): number {
  return stopFromPidFile(join(resolve(stateDir), "mesh.pid.json"));
}
