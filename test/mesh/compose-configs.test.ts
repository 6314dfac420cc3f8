// envoy-configs/ (the compose mesh's bootstraps) must be exactly what the generator makes from
// mesh/ and docker-compose.yml today; `npm run configs` rewrites them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../support/paths.ts";

test("the committed envoy-configs/ are current (wasmesh check)", () => {
  const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8"));
  const args = pkg.scripts["configs:check"].split(" ").slice(1);
  const r = spawnSync(process.execPath, args, { cwd: projectRoot, encoding: "utf8", timeout: 60000 });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}\nrun \`npm run configs\` and commit envoy-configs/`);
  assert.match(r.stderr + r.stdout, /up to date/);
});
