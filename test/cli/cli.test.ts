// The CLI as a user runs it: `node bin/wasmesh.js …` on temp folders. The generator behind it is
// the fake in fixtures/ so these tests pin the CLI's own behaviour.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { project, runCli, snapshot, workload } from "./run-cli.ts";

const UNKNOWN_KIND = "apiVersion: linkerd.io/v1alpha2\nkind: Gateway\nmetadata: {name: g}\n";

test("version prints wasmesh's and the pinned Envoy's version", () => {
  const r = runCli(["version"], project({}));
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^wasmesh \d+\.\d+\.\d+\nenvoy 1\.40\.0 \(pinned\)\n$/);
  const j = runCli(["version", "--format", "json"], project({}));
  assert.deepEqual(Object.keys(JSON.parse(j.stdout)), ["wasmesh", "envoy"]);
  const flag = runCli(["--version"], project({}));
  assert.equal(flag.code, 0);
  assert.match(flag.stdout, /^wasmesh \d+\.\d+\.\d+ \(envoy 1\.40\.0\)\n$/);
});

test("usage errors exit 2", () => {
  const dir = project({ "mesh/a.yaml": workload("a") });
  for (const args of [[], ["frobnicate"], ["generate", "--bogus"], ["generate", "--format", "xml"],
    ["validate", "--silence", "WM999"], ["explain"], ["explain", "--stage", "plans"]]) {
    const r = runCli(args, dir);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.ok(r.stderr.length > 0, `${args.join(" ")} says why`);
  }
  const help = runCli(["generate", "--help"], dir);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--output <dir>/);
});

test("validate: 0 for a valid mesh, 1 with positioned diagnostics, JSON on request", () => {
  const ok = runCli(["validate"], project({ "mesh/a.yaml": workload("a") }));
  assert.equal(ok.code, 0, ok.stderr);

  const dir = project({ "mesh/a.yaml": workload("a"), "mesh/b.yaml": `${workload("b")}---\n${UNKNOWN_KIND}` });
  const bad = runCli(["validate"], dir);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^mesh\/b\.yaml:10:7: error WM006 .*kind: unknown kind "Gateway"/m);

  const json = runCli(["validate", "--format", "json"], dir);
  assert.equal(json.code, 1);
  const out = JSON.parse(json.stdout);
  assert.deepEqual(out.files, ["mesh/a.yaml", "mesh/b.yaml"]);
  assert.deepEqual(out.diagnostics.map((d: any) => [d.code, d.file, d.line, d.column]), [["WM006", "mesh/b.yaml", 10, 7]]);

  const missing = runCli(["validate", "nowhere"], dir);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /nowhere: cannot read the mesh folder/);
});

test("generate writes one bootstrap per workload; a second run changes nothing", () => {
  const dir = project({ "mesh/a.yaml": workload("a"), "mesh/b.yml": workload("b") });
  const r = runCli(["generate"], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(join(dir, "envoy-configs")).sort(), ["a.yaml", "b.yaml"]);
  const before = snapshot(join(dir, "envoy-configs"));
  const again = runCli(["generate"], dir);
  assert.equal(again.code, 0);
  assert.match(again.stderr, /up to date/);
  assert.deepEqual(snapshot(join(dir, "envoy-configs")), before);
  assert.deepEqual(readdirSync(dir).sort(), ["envoy-configs", "mesh"], "no temp folders left behind");
});

test("atomic: a mesh with an error leaves the output folder untouched", () => {
  const dir = project({ "mesh/a.yaml": workload("a") });
  assert.equal(runCli(["generate", "--output", "out"], dir).code, 0);
  const before = snapshot(join(dir, "out"));
  writeFileSync(join(dir, "mesh/c.yaml"), workload("c"));
  writeFileSync(join(dir, "mesh/z.yaml"), UNKNOWN_KIND);
  const r = runCli(["generate", "--output", "out"], dir);
  assert.equal(r.code, 1);
  assert.deepEqual(snapshot(join(dir, "out")), before);
  assert.deepEqual(readdirSync(dir).sort(), ["mesh", "out"]);
  const fresh = runCli(["generate", "--output", "never"], dir);
  assert.equal(fresh.code, 1);
  assert.equal(existsSync(join(dir, "never")), false);
});

test("proto gate: a bootstrap Envoy's protos reject is an internal error and nothing is written", () => {
  const dir = project({ "mesh/a.yaml": workload("a"), "mesh/b.yaml": workload("b", { "fake/bad-envoy": "true" }) });
  const r = runCli(["generate"], dir);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /envoy-configs\/b\.yaml: error internal static_resources\.clusters\[0\]\.connect_timeout: expected a duration/);
  assert.match(r.stderr, /internal error: .*nothing was written/);
  assert.equal(existsSync(join(dir, "envoy-configs")), false);
});

test("check: 0 when current, 1 when a file is stale, missing or extra", () => {
  const dir = project({ "mesh/a.yaml": workload("a"), "mesh/b.yaml": workload("b") });
  assert.equal(runCli(["generate"], dir).code, 0);
  assert.equal(runCli(["check"], dir).code, 0);

  const a = join(dir, "envoy-configs/a.yaml");
  const original = readFileSync(a, "utf8");
  writeFileSync(a, original.replace("port_value: 8080", "port_value: 8081"));
  const stale = runCli(["check"], dir);
  assert.equal(stale.code, 1);
  assert.match(stale.stderr, /envoy-configs\/a\.yaml: stale/);
  writeFileSync(a, original);

  rmSync(join(dir, "mesh/b.yaml"));
  const removed = runCli(["check"], dir);
  assert.equal(removed.code, 1);
  assert.match(removed.stderr, /envoy-configs\/b\.yaml: not generated any more/);

  writeFileSync(join(dir, "mesh/c.yaml"), workload("c"));
  rmSync(join(dir, "envoy-configs/b.yaml"));
  const missing = runCli(["check"], dir);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /envoy-configs\/c\.yaml: missing/);
});

test("diff prints a unified diff of what generate would change", () => {
  const dir = project({ "mesh/a.yaml": workload("a") });
  assert.equal(runCli(["generate"], dir).code, 0);
  assert.equal(runCli(["diff"], dir).code, 0);
  const a = join(dir, "envoy-configs/a.yaml");
  writeFileSync(a, readFileSync(a, "utf8").replace("port_value: 8080", "port_value: 9999"));
  const r = runCli(["diff"], dir);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^--- a\/envoy-configs\/a\.yaml\n\+\+\+ b\/envoy-configs\/a\.yaml\n@@ [^\n]+ @@\n/);
  assert.match(r.stdout, /^-\s+port_value: 9999$/m);
  assert.match(r.stdout, /^\+\s+port_value: 8080$/m);
});

test("warnings: printed, promoted by --werror, dropped by --silence, hidden by --quiet", () => {
  const dir = project({ "mesh/a.yaml": workload("a", { "fake/warn": "true" }) });
  const plain = runCli(["validate"], dir);
  assert.equal(plain.code, 0);
  assert.match(plain.stderr, /warning WM013/);
  const werror = runCli(["validate", "--werror"], dir);
  assert.equal(werror.code, 1);
  assert.match(werror.stderr, /error WM013/);
  const silenced = runCli(["generate", "--werror", "--silence", "shadowed-route"], dir);
  assert.equal(silenced.code, 0, silenced.stderr);
  assert.doesNotMatch(silenced.stderr, /WM013/);
  const quiet = runCli(["validate", "--quiet"], dir);
  assert.equal(quiet.code, 0);
  assert.equal(quiet.stderr, "");
});

test("--format json writes JSON bootstraps", () => {
  const dir = project({ "mesh/a.yaml": workload("a") });
  const r = runCli(["generate", "--format", "json", "-o", "json-out"], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(join(dir, "json-out")), ["a.json"]);
  const b = JSON.parse(readFileSync(join(dir, "json-out/a.json"), "utf8"));
  assert.equal(b.static_resources.clusters[0].name, "app");
  assert.equal(runCli(["check", "--format", "json", "-o", "json-out"], dir).code, 0);
});

test("explain --stage prints the model, a workload's plan, a workload's bootstrap", () => {
  const dir = project({ "mesh/a.yaml": workload("a"), "mesh/b.yaml": workload("b") });
  const model = runCli(["explain", "--stage", "model", "--format", "json"], dir);
  assert.equal(model.code, 0, model.stderr);
  assert.deepEqual(JSON.parse(model.stdout), { workloads: ["a", "b"] });
  const plan = runCli(["explain", "--stage", "plan", "--workload", "b", "--format", "json"], dir);
  assert.deepEqual(JSON.parse(plan.stdout), [{ workload: "b", listeners: ["inbound"] }]);
  const envoy = runCli(["explain", "--stage", "envoy", "--workload", "a"], dir);
  assert.equal(envoy.code, 0);
  assert.match(envoy.stdout, /^a\.yaml:\n\s+node:\n\s+id: a/);
  const none = runCli(["explain", "--stage", "plan", "--workload", "zz"], dir);
  assert.equal(none.code, 1);
});
