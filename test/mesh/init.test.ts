// `wasmesh init` scaffolds a mesh that validates and generates as is, for processes and compose.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../support/paths.ts";

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(projectRoot, "bin", "wasmesh.js"), ...args], { encoding: "utf8", timeout: 60000 });

test("init writes a mesh whose local and compose variants generate with no diagnostics", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "wasmesh-init-")), "my-mesh");
  const init = cli("init", dir);
  assert.equal(init.status, 0, init.stderr);
  for (const f of ["mesh.yaml", "local/workloads.yaml", "compose/docker-compose.yml", "README.md"]) {
    assert.ok(existsSync(join(dir, f)), `${f} written`);
  }
  const local = cli("generate", dir, "--include", join(dir, "local", "workloads.yaml"), "--output", join(dir, "out-local"), "--werror");
  assert.equal(local.status, 0, local.stderr);
  assert.deepEqual(readdirSync(join(dir, "out-local")).sort(), ["api.yaml", "ingress.yaml", "web.yaml"]);
  const compose = cli("generate", dir, "--compose", join(dir, "compose", "docker-compose.yml"), "--output", join(dir, "out-compose"), "--werror");
  assert.equal(compose.status, 0, compose.stderr);
  assert.deepEqual(readdirSync(join(dir, "out-compose")).sort(), ["api.yaml", "ingress.yaml", "web.yaml"]);
});

test("init refuses a folder that already has files, and writes nothing", () => {
  const dir = mkdtempSync(join(tmpdir(), "wasmesh-init-"));
  writeFileSync(join(dir, "keep.txt"), "mine");
  const r = cli("init", dir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /exists and is not empty/);
  assert.deepEqual(readdirSync(dir), ["keep.txt"]);
});
