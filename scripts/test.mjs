// `npm test`: builds the filters, installs the pinned Envoy, typechecks, runs the AssemblyScript
// unit tests and then every test/**/*.test.ts on Node's test runner (real Envoy included).
// Usage: node scripts/test.mjs [path-prefix ...]   e.g. `npm test -- test/e2e`
// Steps run binaries directly: nested `npm run` would pick up the old npm that @as-pect/cli's
// dependencies put into node_modules/.bin.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(import.meta.url), "..", "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const only = process.argv.slice(2);

// Every step's temporary files (Envoy configs and logs, generated meshes, certificates) go into
// one folder of this run, removed when it ends however it ends, so runs leave nothing in /tmp.
// WASMESH_KEEP_TMP=1 keeps it, for looking at what a failed test left.
const runTmp = mkdtempSync(join(tmpdir(), "wasmesh-test-"));
process.env.TMPDIR = runTmp;
process.on("exit", () => {
  if (process.env.WASMESH_KEEP_TMP === "1") console.log(`temporary files kept in ${runTmp}`);
  else rmSync(runTmp, { recursive: true, force: true });
});

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

// One runner per file, in its own process group with a deadline: a file that hangs (or leaves a
// child holding the runner's pipes) is killed with everything it started and named, and the
// remaining files still run.
const FILE_DEADLINE_MS = 8 * 60_000;
let current;
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    try { process.kill(-current.pid, "SIGKILL"); } catch {}
    process.exit(130);
  });
}
function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-timeout=300000", "--test-reporter=spec", file],
      { cwd: root, stdio: "inherit", detached: true });
    current = child;
    const timer = setTimeout(() => {
      console.error(`\n${file}: still running after ${FILE_DEADLINE_MS / 60_000} min; killed`);
      try { process.kill(-child.pid, "SIGKILL"); } catch {}
    }, FILE_DEADLINE_MS);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      // Whatever the file left behind (an Envoy, a demo service) goes with it.
      try { process.kill(-child.pid, "SIGKILL"); } catch {}
      resolve({ file, ok: code === 0, how: signal ?? `exit ${code}`, seconds: (Date.now() - started) / 1000 });
    });
  });
}

console.log(`\n== TypeScript tests (${files.length} files)`);
const results = [];
for (const file of files) {
  console.log(`\n# ${file}`);
  results.push(await runFile(file));
}
const failed = results.filter((r) => !r.ok);
const total = results.reduce((s, r) => s + r.seconds, 0);
console.log(`\n== ${results.length - failed.length}/${results.length} test files passed in ${total.toFixed(0)} s`);
for (const r of failed) console.error(`FAILED ${r.file} (${r.how}, ${r.seconds.toFixed(0)} s)`);
process.exit(failed.length ? 1 : 0);
