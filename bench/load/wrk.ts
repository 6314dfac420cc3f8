// wrk as the load generator: one thread, a fixed number of connections, the bench request from
// request.lua. When wrk is missing it is installed from Debian (apt-get, as .ci/run does for
// docker-compose) where that is possible, and the benchmark says so.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { spawnTracked } from "./processes.ts";
import { BACKEND_HOST, REQUEST_PATH, TOKEN } from "./mesh.ts";

export interface WrkResult {
  requests: number;
  duration_us: number;
  p50_us: number;
  p99_us: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
}

const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;

/** wrk's version line; installs wrk first when it is missing. */
export function ensureWrk(): string {
  if (!has("wrk")) {
    if (!has("apt-get") || process.getuid?.() !== 0) throw new Error("wrk is not installed: install it (Debian: apt-get install wrk)");
    console.log("wrk is missing: installing it with apt-get install wrk");
    const r = spawnSync("sh", ["-c", "apt-get install -y wrk || (apt-get update && apt-get install -y wrk)"],
      { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (r.status !== 0 || !has("wrk")) throw new Error("apt-get could not install wrk");
  }
  const v = spawnSync("wrk", ["-v"], { encoding: "utf8" });
  return `${v.stdout}${v.stderr}`.split("\n")[0].trim();
}

export function runWrk(port: number, connections: number, seconds: number): Promise<WrkResult> {
  const script = join(import.meta.dirname, "request.lua");
  const child = spawnTracked("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "--timeout", "5s", "-s", script, `http://127.0.0.1:${port}${REQUEST_PATH}`],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, BENCH_HOST: BACKEND_HOST, BENCH_TOKEN: TOKEN, BENCH_PATH: REQUEST_PATH } });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith('{"requests"'));
      if (code !== 0 || !line) reject(new Error(`wrk failed (exit ${code}):\n${out}`));
      else resolve(JSON.parse(line) as WrkResult);
    });
  });
}
