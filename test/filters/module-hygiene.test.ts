// Every built filter must load in Envoy: only imports Envoy's proxy-wasm host provides for
// ABI 0.2.1 (with Envoy's signatures), and the ABI marker, memory and malloc exported.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../support/paths.ts";
import { moduleProblems } from "../support/module-check.ts";

const buildDir = join(projectRoot, "build");
const built = [
  ...readdirSync(buildDir).filter((f) => f.endsWith(".wasm")),
  ...readdirSync(join(buildDir, "debug")).filter((f) => f.endsWith(".wasm")).map((f) => join("debug", f)),
];

test("every filter folder has a release and a debug build", () => {
  const filters = readdirSync(join(projectRoot, "filters"), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "common").map((d) => d.name);
  for (const f of filters) {
    assert.ok(built.includes(`${f}.wasm`), `build/${f}.wasm missing`);
    assert.ok(built.includes(join("debug", `${f}.wasm`)), `build/debug/${f}.wasm missing`);
  }
});

for (const file of built) {
  test(`${file} would load in Envoy (imports, signatures, exports)`, () => {
    assert.deepEqual(moduleProblems(readFileSync(join(buildDir, file))), []);
  });
}

// A hand-assembled module: imports `env.<name>` with the given param types and exports nothing.
function moduleImporting(name: string, params: number[]): Uint8Array {
  const typeBody = [1, 0x60, params.length, ...params, 0];
  const enc = (s: string) => [s.length, ...Buffer.from(s)];
  const importBody = [1, ...enc("env"), ...enc(name), 0, 0];
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, typeBody.length, ...typeBody, 2, importBody.length, ...importBody]);
}

test("the check rejects imports Envoy lacks, wrong signatures and missing exports", () => {
  const abort = moduleProblems(moduleImporting("abort", [0x7f, 0x7f, 0x7f, 0x7f]));
  assert.ok(abort.some((p) => p.startsWith("env.abort: Envoy does not provide")), abort.join("; "));
  const clear = moduleProblems(moduleImporting("proxy_clear_route_cache", []));
  assert.ok(clear.some((p) => p.startsWith("env.proxy_clear_route_cache")), clear.join("; "));
  const wrongSig = moduleProblems(moduleImporting("proxy_log", [0x7f, 0x7f, 0x7e]));
  assert.ok(wrongSig.some((p) => p.startsWith("env.proxy_log: signature")), wrongSig.join("; "));
  assert.ok(abort.includes("no proxy_abi_version_0_2_1 export"));
  assert.ok(abort.includes("no memory export"));
});
