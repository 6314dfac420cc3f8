// The CLI over the real generator (generator/pipeline.ts): the shop fixture mesh and the user's
// seed example, end to end through bin/wasmesh.js.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { validateBootstrap } from "../../generator/validate/validate-bootstrap.ts";
import { project, runCli } from "./run-cli.ts";
import { sharedFile } from "../support/paths.ts";

const REAL = null;
const SHOP = new URL("./fixtures/shop/", import.meta.url).pathname;

function shopProject(): string {
  const dir = project({});
  cpSync(SHOP, join(dir, "mesh"), { recursive: true });
  return dir;
}

test("generate, check and diff on a real mesh", () => {
  const dir = shopProject();
  const gen = runCli(["generate"], dir, REAL);
  assert.equal(gen.code, 0, gen.stderr);
  const files = readdirSync(join(dir, "envoy-configs")).sort();
  assert.deepEqual(files, ["api-v1.yaml", "api-v2.yaml", "web.yaml"]);
  for (const f of files) assert.deepEqual(validateBootstrap(parse(readFileSync(join(dir, "envoy-configs", f), "utf8"))), [], f);
  assert.equal(runCli(["check"], dir, REAL).code, 0);

  const routing = join(dir, "mesh/routing.yaml");
  writeFileSync(routing, readFileSync(routing, "utf8").replace("weight: 80", "weight: 70").replace("weight: 20", "weight: 30"));
  const check = runCli(["check"], dir, REAL);
  assert.equal(check.code, 1);
  assert.match(check.stderr, /envoy-configs\/web\.yaml: stale/);
  const diff = runCli(["diff"], dir, REAL);
  assert.equal(diff.code, 1);
  assert.match(diff.stdout, /^\+.*70/m);
});

test("a mesh error is positioned, exits 1 and writes nothing", () => {
  const dir = shopProject();
  const routing = join(dir, "mesh/routing.yaml");
  writeFileSync(routing, readFileSync(routing, "utf8").replace("weight: 80", "wieght: 80"));
  const r = runCli(["generate"], dir, REAL);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^mesh\/routing\.yaml:\d+:\d+: error WM001 .*spec\.http\[2\]\.route\[0\]/m);
  assert.deepEqual(readdirSync(dir), ["mesh"]);
});

test("the seed example validates (with its location warning), and --werror makes that fatal", () => {
  const dir = project({ "mesh/seed.yaml": readFileSync(sharedFile("seed-example.yaml"), "utf8") });
  const r = runCli(["validate"], dir, REAL);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /mesh\/seed\.yaml:\d+:\d+: warning WM008 .*spec\.location/);
  assert.equal(runCli(["validate", "--werror"], dir, REAL).code, 1);
  assert.equal(runCli(["validate", "--werror", "--silence", "WM008,WM009"], dir, REAL).code, 0);
});

test("explain --request: route, destinations, policy decisions and why", () => {
  const dir = shopProject();
  const ask = (request: string, workload: string) => {
    const r = runCli(["explain", "--request", request, "--workload", workload, "--format", "json"], dir, REAL);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const canary = ask("GET http://api/anything -H x-canary:yes", "web");
  assert.equal(canary.route.chosen.id, "vs/shop/api/r0");
  assert.deepEqual(canary.route.chosen.destinations.map((d: any) => [d.cluster, d.percent, d.workloads]), [["outbound|80|v2|api.shop", 100, ["shop/api-v2"]]]);
  assert.deepEqual(canary.policies.map((p: any) => [p.workload, p.decision, p.rule]), [["shop/api-v2", "allow", "meshauth/shop/api-policy/r1"]]);

  const byId = ask("GET http://api.shop:80/items/42?x=1", "shop/web");
  assert.equal(byId.route.chosen.id, "vs/shop/api/r1");
  assert.match(byId.route.rules[0].why[0], /header x-canary \(absent\)/);
  assert.match(byId.route.rules[1].why[0], /regex/);

  const admin = ask("POST http://api/admin/users", "web");
  assert.equal(admin.route.chosen.id, "vs/shop/api/r2");
  assert.deepEqual(admin.route.chosen.destinations.map((d: any) => d.percent), [80, 20]);
  assert.deepEqual(admin.policies.map((p: any) => [p.decision, p.rule]), [["deny", "meshauth/shop/api-policy/r0"], ["deny", "meshauth/shop/api-policy/r0"]]);

  const peer = ask("GET http://api/x", "api-v1");
  assert.ok(peer.policies.every((p: any) => p.decision === "deny" && p.rule === undefined && /none matched/.test(p.reason)));

  const nowhere = ask("GET http://elsewhere/", "web");
  assert.equal(nowhere.route.chosen, undefined);
  assert.match(nowhere.notes[0], /404/);

  const text = runCli(["explain", "--request", "GET http://api/items/7", "--workload", "web"], dir, REAL);
  assert.match(text.stdout, /MATCH vs\/shop\/api\/r1: match\[0\]: path "\/items\/7" matches regex/);
  assert.match(text.stdout, /decision: allow \(meshauth\/shop\/api-policy\/r1\)/);
});

test("explain --request usage errors exit 2", () => {
  const dir = shopProject();
  for (const args of [["--request", "GET http://api/"], ["--request", "GET http://api/", "--workload", "nobody"],
    ["--request", "get /x", "--workload", "web"], ["--request", "GET /x -H", "--workload", "web"],
    ["--stage", "model", "--request", "GET /", "--workload", "web"]]) {
    const r = runCli(["explain", ...args], dir, REAL);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
  }
});

test("the seed example plus a compose-declared workload generates a bootstrap Envoy's protos accept", () => {
  const dir = project({
    "mesh/seed.yaml": readFileSync(sharedFile("seed-example.yaml"), "utf8"),
    "docker-compose.yml": `services:\n  my-app:\n    image: node:20\n    labels:\n      wasmesh.workload: "true"\n      wasmesh.app: my-app\n      wasmesh.port: "8080"\n`,
  });
  const r = runCli(["generate", "--compose", "docker-compose.yml"], dir, REAL);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(readdirSync(join(dir, "envoy-configs")), ["my-app.yaml"]);
  assert.deepEqual(validateBootstrap(parse(readFileSync(join(dir, "envoy-configs/my-app.yaml"), "utf8"))), []);
});

test("generate --filters native: Envoy's own filters in place of wasmesh's; what they cannot express is an error", () => {
  const dir = shopProject();
  const gen = runCli(["generate", "--filters", "native"], dir, REAL);
  assert.equal(gen.code, 0, gen.stderr);
  const judged: string[] = [];
  for (const f of readdirSync(join(dir, "envoy-configs"))) {
    const text = readFileSync(join(dir, "envoy-configs", f), "utf8");
    assert.deepEqual(validateBootstrap(parse(text)), [], f);
    assert.doesNotMatch(text, /envoy\.extensions\.filters\.http\.wasm\.v3\.Wasm/, `${f} has no wasm filter`);
    if (/envoy\.filters\.http\.rbac/.test(text)) judged.push(f);
  }
  assert.deepEqual(judged.sort(), ["api-v1.yaml", "api-v2.yaml"], "the policy's workloads judge with RBAC");
  assert.equal(runCli(["check", "--filters", "native"], dir, REAL).code, 0, "check compares with the same variant");
  assert.equal(runCli(["check"], dir, REAL).code, 1, "the wasm variant differs");
  assert.equal(runCli(["generate", "--filters", "lua"], dir, REAL).code, 2);

  const policy = join(dir, "mesh/policy.yaml");
  writeFileSync(policy, readFileSync(policy, "utf8").replace(/paths: \[([^\]]*)\]/, 'paths: [$1, "/x/{*}/y"]'));
  const before = readdirSync(join(dir, "envoy-configs")).map((f) => readFileSync(join(dir, "envoy-configs", f), "utf8"));
  const bad = runCli(["generate", "--filters", "native"], dir, REAL);
  assert.equal(bad.code, 1, bad.stderr);
  assert.match(bad.stderr, /native filter variant cannot express the path template "\/x\/\{\*\}\/y"/);
  assert.deepEqual(readdirSync(join(dir, "envoy-configs")).map((f) => readFileSync(join(dir, "envoy-configs", f), "utf8")), before, "nothing written");
});
