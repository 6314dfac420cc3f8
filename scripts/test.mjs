// `npm test`: builds the filters, installs the pinned Envoy, typechecks, runs the AssemblyScript
// unit tests and then every test/**/*.test.ts on Node's test runner (real Envoy included).
// Usage: node scripts/test.mjs [path-prefix ...]   e.g. `npm test -- test/e2e`
// Steps run binaries directly: nested `npm run` would pick up the old npm that @as-pect/cli's
// dependencies put into node_modules/.bin.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(import.meta.url), "..", "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const only = process.argv.slice(2);

function run(label, command, args) {
  console.log(`\n== ${label}`);
  const r = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`\n${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return testFiles(p);
    return d.name.endsWith(".test.ts") ? [relative(root, p)] : [];
  }).sort();
}

run("build filters", process.execPath, [join(root, "scripts", "build-filters.mjs")]);
run("install Envoy", "bash", [join(root, "scripts", "install-envoy.sh")]);
run("typecheck", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"]);
if (only.length === 0) run("AssemblyScript unit tests", bin("asp"), ["--config", "as-pect.config.js"]);
const files = testFiles(join(root, "test")).filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)));
if (files.length === 0) {
  console.error(`no test files under test/ match ${only.join(" ")}`);
  process.exit(1);
}
run("TypeScript tests", process.execPath, ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files]);
