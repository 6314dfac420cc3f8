// Builds every filter in filters/<name>/index.ts with the asconfig.json targets <name> (release,
// build/<name>.wasm) and <name>-debug (name section + source map, build/debug/<name>.wasm).
// Usage: node scripts/build-filters.mjs [filter ...]
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const asconfig = JSON.parse(readFileSync(join(root, "asconfig.json"), "utf8"));
const requested = process.argv.slice(2);
const filters = readdirSync(join(root, "filters"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, "filters", d.name, "index.ts")))
  .map((d) => d.name)
  .filter((name) => requested.length === 0 || requested.includes(name));

const asc = join(root, "node_modules", ".bin", "asc");
for (const name of filters) {
  for (const target of [name, `${name}-debug`]) {
    if (!asconfig.targets[target]) {
      console.error(`build: asconfig.json has no target "${target}" for filters/${name}`);
      process.exit(1);
    }
    try {
      execFileSync(asc, [`filters/${name}/index.ts`, "--config", "asconfig.json", "--target", target],
        { cwd: root, stdio: ["ignore", "inherit", "pipe"] });
    } catch (err) {
      process.stderr.write(err.stderr ?? "");
      console.error(`build: filters/${name} (${target}) failed`);
      process.exit(1);
    }
  }
  console.log(`build: build/${name}.wasm`);
}
