// Builds bench/load/host-calls/wasm/probe.ts to build/bench/probe.wasm (release settings of the
// filters: minimal runtime, -O3, no asserts); used by run.ts and test/bench/host-calls-batch.test.ts.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../../../test/support/paths.ts";

export function buildProbe(): string {
  const wasm = join(projectRoot, "build", "bench", "probe.wasm");
  mkdirSync(join(projectRoot, "build", "bench"), { recursive: true });
  execFileSync(join(projectRoot, "node_modules", ".bin", "asc"), [join(import.meta.dirname, "wasm", "probe.ts"), "--config", "asconfig.json",
    "--runtime", "minimal", "-O3", "--noAssert", "--use", "abort=wasi_abort", "--outFile", wasm], { cwd: projectRoot, stdio: "inherit" });
  return wasm;
}
