// Child processes of the load benchmark: each is tracked (test/support/processes.ts kills every
// tracked child when this process exits, fails or is interrupted) and, where util-linux's setpriv
// exists, also started with a parent-death signal, so an Envoy never outlives the benchmark even
// when the benchmark itself is SIGKILLed.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from "node:child_process";
import { track } from "../../test/support/processes.ts";

const setpriv = spawnSync("setpriv", ["--help"], { encoding: "utf8" }).stdout?.includes("--pdeathsig") ?? false;

export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  const child = setpriv
    ? spawn("setpriv", ["--pdeathsig", "KILL", "--", command, ...args], options)
    : spawn(command, args, options);
  track(child);
  return child;
}

export { stopProcess } from "../../test/support/processes.ts";
