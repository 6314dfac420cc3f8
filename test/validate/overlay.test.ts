import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { envoyBin } from "../support/paths.ts";

test("envoy-overlay.json matches the pinned Envoy binary's own descriptors", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "generator/validate/tools/make-overlay.ts", "--check", envoyBin()],
    { encoding: "utf8", env: { ...process.env, WASMESH_NO_PROTO_OVERLAY: "1" }, timeout: 60000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test("without the overlay the shipped protos reject a field Envoy 1.40 has (why the overlay exists)", () => {
  const script = `import { validateMessage } from "./generator/validate/validate-bootstrap.ts";
    console.log(JSON.stringify(validateMessage("envoy.extensions.wasm.v3.PluginConfig", { failure_policy: "FAIL_CLOSED" })));`;
  const run = (overlay: boolean) => spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script],
    { encoding: "utf8", env: { ...process.env, ...(overlay ? {} : { WASMESH_NO_PROTO_OVERLAY: "1" }) }, timeout: 60000 });
  assert.deepEqual(JSON.parse(run(true).stdout), []);
  assert.match(run(false).stdout, /unknown field \\"failure_policy\\"/);
});
