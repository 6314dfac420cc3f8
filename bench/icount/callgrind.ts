// Instructions per request of one scenario, counted by valgrind's callgrind around guest.mjs.
// V8 is made deterministic (no background tasks, JS interpreted only, Wasm on Liftoff only with
// no tier-up, fixed seeds), and callgrind dumps its counters whenever the main thread calls
// getegid(), which guest.mjs does right before and after N and 2N requests. The two windows hold
// only the request loop, so Node's start-up (which varies a little with the environment) never
// enters the figure: per request = (count(2N) - count(N)) / N.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Scenario } from "./scenarios.ts";

export const NODE_FLAGS = ["--single-threaded", "--predictable", "--predictable-gc-schedule", "--random-seed=1", "--hash-seed=1",
  "--no-opt", "--no-sparkplug", "--no-flush-bytecode",
  // Wasm on Liftoff only, all compiled up front: dynamic tier-up would swap code in at times that
  // depend on when background tasks run.
  "--liftoff-only", "--no-wasm-tier-up", "--no-wasm-dynamic-tiering", "--no-wasm-lazy-compilation",
  "--expose-gc"];

export interface Count { perRequest: number; windowN: number; window2N: number }

/** Counts `n` and `2n` requests of `scenario`; throws if valgrind or the guest fails. */
export async function countInstructions(scenario: Scenario, n: number): Promise<Count> {
  const dir = mkdtempSync(join(tmpdir(), "wasmesh-icount-"));
  try {
    const file = join(dir, "scenario.json");
    writeFileSync(file, JSON.stringify(scenario));
    await promisify(execFile)("valgrind", ["--tool=callgrind", "--separate-threads=yes", "--dump-before=getegid",
      `--callgrind-out-file=${join(dir, "cg.out")}`, process.execPath, ...NODE_FLAGS, join(import.meta.dirname, "guest.mjs"), file, String(n)],
    { encoding: "utf8", maxBuffer: 64 << 20 });
    // The main thread's numbered parts end with [marker 1 → 2] = N requests, [2 → 3] = a GC,
    // [3 → 4] = 2N requests; what follows marker 4 is the exit part (cg.out-01).
    const parts = readdirSync(dir).map((f) => /^cg\.out\.(\d+)-01$/.exec(f)).filter((m) => m !== null)
      .map((m) => ({ index: Number(m[1]), total: summary(join(dir, m[0])) })).sort((a, b) => a.index - b.index);
    if (parts.length < 4) throw new Error(`callgrind wrote ${parts.length} parts; markers missing`);
    const windows = [parts[parts.length - 3], parts[parts.length - 1]];
    const [windowN, window2N] = windows.map((w) => w.total);
    return { perRequest: (window2N - windowN) / n, windowN, window2N };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function summary(file: string): number {
  const m = /^(?:summary|totals): (\d+)/m.exec(readFileSync(file, "utf8"));
  if (!m) throw new Error(`${file}: no totals`);
  return Number(m[1]);
}
