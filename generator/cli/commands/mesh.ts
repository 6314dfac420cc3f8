// The local mesh from the command line: `up` runs it as processes until Ctrl-C, `down` stops one
// left running, `certs` makes the mesh's CA and workload certificates (compose uses it), `init`
// scaffolds a new mesh folder.
import type { Command } from "commander";
import { resolve } from "node:path";
import { meshDown, meshTable, meshUp } from "../../../scripts/mesh/up.ts";
import { makeMeshCertificates } from "../../../scripts/mesh/certs.ts";
import { scaffoldMesh } from "../../../scripts/mesh/init.ts";
import { validateMesh } from "../../pipeline.ts";
import { EXIT_INVALID, EXIT_OK, printDiagnostics, type Io } from "../report.ts";
import { DEFAULT_MESH, readMeshOrReport, withMeshOptions, type CommonOptions } from "./common.ts";

export function registerMeshCommands(program: Command, io: Io, setExit: (code: number) => void): void {
  program.command("up")
    .argument("[mesh]", "mesh folder; <mesh>/local/*.yaml add the process mesh's workloads", DEFAULT_MESH)
    .option("--state-dir <dir>", "where configs, certificates, logs and the pid file go", ".mesh")
    .description("run the mesh as local processes (apps and Envoy sidecars on 127.0.0.x) until Ctrl-C")
    .action(async (mesh: string, o: { stateDir: string }) => setExit(await up(io, mesh, o.stateDir)));
  program.command("down")
    .option("--state-dir <dir>", "the state folder of the running mesh", ".mesh")
    .description("stop a local mesh that was left running")
    .action((o: { stateDir: string }) => {
      const n = meshDown(o.stateDir);
      io.err(n > 0 ? `stopped ${n} process(es)\n` : `no mesh is running from ${o.stateDir}\n`);
      setExit(EXIT_OK);
    });
  withMeshOptions(program.command("certs"))
    .requiredOption("--out <dir>", "folder for ca.crt and <namespace>.<workload>.crt/.key")
    .description("make a CA and one certificate per workload with its SPIFFE id as URI SAN")
    .action(async (mesh: string, o: CommonOptions & { out: string }) => setExit(await certs(io, mesh, o)));
  program.command("init")
    .argument("<dir>", "new mesh folder (must not exist or be empty)")
    .description("scaffold a mesh folder (resources, workloads, compose file) that generates and runs as is")
    .action((dir: string) => {
      try {
        for (const file of scaffoldMesh(dir)) io.out(`created ${file}\n`);
        io.out(`\nnext: wasmesh up ${dir}   (its README.md says more)\n`);
        setExit(EXIT_OK);
      } catch (e) {
        io.err(`wasmesh init: ${(e as Error).message}\n`);
        setExit(EXIT_INVALID);
      }
    });
}

async function up(io: Io, mesh: string, stateDir: string): Promise<number> {
  let running;
  try {
    running = await meshUp({ meshDir: mesh, stateDir, print: (line) => io.out(line + "\n") });
  } catch (e) {
    io.err(`wasmesh up: ${(e as Error).message}\n`);
    return EXIT_INVALID;
  }
  io.out(`\n${meshTable(running.mesh)}\n\nthe mesh is up; access records follow (Ctrl-C stops everything)\n\n`);
  await new Promise<void>((done) => {
    const stop = () => running.stop().then(done);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  io.err("\nthe mesh is down\n");
  return EXIT_OK;
}

async function certs(io: Io, mesh: string, o: CommonOptions & { out: string }): Promise<number> {
  const files = readMeshOrReport(io, mesh, o);
  if (!files) return EXIT_INVALID;
  const result = validateMesh({ files, options: {} });
  if (printDiagnostics(io, result.diagnostics, o)) return EXIT_INVALID;
  const made = makeMeshCertificates(resolve(o.out), result.model.workloads.map((w) => ({ workload: w.id.replace("/", "."), spiffeId: w.spiffeId })));
  io.out(`${made.issued.length} certificate(s) in ${o.out}\n`);
  return EXIT_OK;
}
