// Longer fuzz runs on demand:
//   node --import tsx test/host/fuzz-run.ts --filter route-match --requests 100000 [--seed 7]
// Prints the report as JSON; exits 1 on a trap, an invariant error or memory growth after warm-up.
import { Command } from "commander";
import { join } from "node:path";
import { projectRoot } from "../support/paths.ts";
import { fuzz } from "./fuzz/fuzz.ts";
import { FUZZ_TARGETS } from "./fuzz/targets.ts";

const opts = new Command()
  .requiredOption("--filter <name>", `one of ${Object.keys(FUZZ_TARGETS).join(", ")}`)
  .option("--requests <n>", "number of requests", "10000")
  .option("--seed <n>", "generator seed", "1")
  .parse().opts();

const target = FUZZ_TARGETS[opts.filter];
if (target === undefined) {
  console.error(`fuzz-run: unknown filter ${opts.filter}`);
  process.exit(2);
}
const report = fuzz({ ...target, wasm: join(projectRoot, "build", `${opts.filter}.wasm`), name: opts.filter,
  requests: Number(opts.requests), seed: Number(opts.seed) });
const grew = report.memory.atEnd > report.memory.at50;
console.log(JSON.stringify({ filter: opts.filter, ...report, traps: report.traps.slice(0, 3), invariantErrors: report.invariantErrors.slice(0, 3),
  memoryFlatAfterHalf: !grew }, null, 2));
process.exit(report.traps.length > 0 || report.invariantErrors.length > 0 || grew ? 1 : 0);
