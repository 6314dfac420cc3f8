// Every golden case: the generator's bootstraps, filter configs and diagnostics equal the
// recorded ones, and every recorded bootstrap passes `envoy --mode validate` (and the proto check).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { loadCases, expectedFiles, runCase, readGolden, writeGolden, UPDATE } from "./support/cases.ts";
import { makeEnvoyFiles, localize, type EnvoyFiles } from "./support/envoy-files.ts";
import { validateBootstrap } from "../support/envoy.ts";
import { validateBootstrap as protoCheck } from "../../generator/validate/validate-bootstrap.ts";
import { parse } from "yaml";

let envoyFiles: EnvoyFiles;
before(() => {
  envoyFiles = makeEnvoyFiles();
});

for (const c of loadCases()) {
  test(`golden: ${c.name}`, () => {
    const result = runCase(c);
    const actual = expectedFiles(result);
    if (UPDATE) writeGolden(c, actual);
    const golden = readGolden(c);
    assert.deepEqual(Object.keys(actual).sort(), Object.keys(golden).sort(), "the set of output files");
    for (const [name, text] of Object.entries(golden)) assert.equal(actual[name], text, `${c.name}/${name}`);
  });

  const outputs = Object.entries(readGolden(c)).filter(([name]) => name.endsWith(".yaml"));
  for (const [name, text] of outputs) {
    test(`golden: ${c.name}/${name} passes envoy --mode validate and the proto check`, () => {
      const problems = protoCheck(parse(text));
      assert.deepEqual(problems, [], "proto check");
      const r = validateBootstrap(localize(text, envoyFiles));
      assert.ok(r.ok, `envoy rejected ${c.name}/${name} (filters standing in: ${envoyFiles.standIns.join(", ") || "none"}):\n${r.output.slice(-2000)}`);
    });
  }
}
