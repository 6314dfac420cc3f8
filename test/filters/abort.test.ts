// The filters' abort (filters/common/abi/abort.ts, release builds): a failed standard-library
// check logs its message at critical level, then traps, so Envoy rejects the configuration.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPlugin, PluginStartError } from "../../host/index.ts";
import { projectRoot } from "../support/paths.ts";

test("a failed library check logs its message (no file name) at critical and traps", () => {
  const dir = mkdtempSync(join(tmpdir(), "wasmesh-abort-"));
  try {
    const out = join(dir, "abort-probe.wasm");
    execFileSync(join(projectRoot, "node_modules", ".bin", "asc"), [join("test", "filters", "__tests__", "fixtures", "abort-probe.ts"),
      "--config", "asconfig.json", "--target", "auth-policy", "--outFile", out], { cwd: projectRoot, stdio: ["ignore", "inherit", "inherit"] });
    let error: unknown;
    try {
      startPlugin({ wasm: readFileSync(out), config: "{}" });
    } catch (err) {
      error = err;
    }
    assert.ok(error instanceof PluginStartError, String(error));
    assert.equal(error.reason, "configure");
    const critical = error.logs.filter((l) => l.level === "critical").map((l) => l.message);
    assert.deepEqual(critical, ["Index out of range"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
