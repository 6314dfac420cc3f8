// The same bootstraps through our proto check and through real Envoy (`--mode validate`):
// both must accept the valid ones and both must reject each broken one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { validateBootstrap } from "../../generator/validate/validate-bootstrap.ts";
import { validateBootstrap as envoyValidate } from "../support/envoy.ts";
import { testBootstrap } from "../support/bootstrap.ts";
import { wasmPath } from "../support/paths.ts";
import { richBootstrap } from "./fixtures/rich-bootstrap.ts";
import { certDir } from "./fixtures/certs.ts";
import { generate } from "../../generator/pipeline.ts";
import { readMeshInput } from "../../generator/cli/mesh-input.ts";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../support/paths.ts";

/** The reference §6.3 sample, pointed at a module that exists. */
function sample(): any {
  const b = parse(readFileSync(new URL("./fixtures/reference-sample.yaml", import.meta.url), "utf8"));
  const wasm = b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.config;
  Object.assign(wasm, { name: "noop", root_id: "noop" });
  wasm.vm_config.code.local.filename = wasmPath("noop");
  return b;
}
const hcm = (b: any) => b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;

const certs = certDir();
const valid: Record<string, () => any> = {
  "test harness bootstrap": () => testBootstrap({ adminPort: 9901, listenerPort: 10000, filters: [{ filter: "noop", config: {} }], clusters: { a: 18080 } }),
  "reference sample": sample,
  "feature-rich (mTLS, LB, retries, fault, header_mutation)": () => richBootstrap(certs),
};

const broken: Record<string, () => any> = {
  "unknown field": () => { const b = sample(); b.static_resources.clusters[0].conect_timeout = "1s"; return b; },
  "wrong type": () => { const b = sample(); b.static_resources.listeners[0].address.socket_address.port_value = "ten"; return b; },
  "bad enum": () => { const b = sample(); b.static_resources.clusters[0].lb_policy = "FASTEST"; return b; },
  "unknown @type": () => { const b = sample(); hcm(b).http_filters[1].typed_config["@type"] = "type.googleapis.com/envoy.extensions.filters.http.router.v3.Routr"; return b; },
  "bad Duration": () => { const b = sample(); b.static_resources.clusters[0].connect_timeout = "250ms"; return b; },
  "missing required route match": () => { const b = sample(); delete hcm(b).route_config.virtual_hosts[0].routes[0].match; return b; },
  "empty stat_prefix (min_len)": () => { const b = sample(); hcm(b).stat_prefix = ""; return b; },
  "two path specifiers (oneof)": () => { const b = sample(); hcm(b).route_config.virtual_hosts[0].routes[0].match.path = "/a"; return b; },
  "unknown field inside Wasm config": () => { const b = sample(); hcm(b).http_filters[0].typed_config.config.vm_config.runtim = "v8"; return b; },
  "StringValue configuration given as an object": () => { const b = sample(); hcm(b).http_filters[0].typed_config.config.configuration.value = { a: 1 }; return b; },
  "bad enum in UpstreamTlsContext": () => {
    const b = richBootstrap(certs);
    b.static_resources.clusters[0].transport_socket.typed_config.common_tls_context.tls_params = { tls_minimum_protocol_version: "TLSv1_4" };
    return b;
  },
};

/** The generator's own output for the CLI's shop fixture, with certificates and filters that exist. */
function generated(): Record<string, () => any> {
  for (const w of ["web", "api-v1", "api-v2"]) {
    copyFileSync(join(certs, "cert.pem"), join(certs, `shop.${w}.crt`));
    copyFileSync(join(certs, "key.pem"), join(certs, `shop.${w}.key`));
  }
  copyFileSync(join(certs, "cert.pem"), join(certs, "ca.crt"));
  const files = readMeshInput(join(projectRoot, "test/cli/fixtures/shop"));
  const r = generate({ files, options: { certDir: certs, wasmDir: join(projectRoot, "build") } });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === "error"), []);
  return Object.fromEntries(r.outputs.map((o) => [`generated ${o.path}`, () => parse(o.text)]));
}
Object.assign(valid, generated());

for (const [name, make] of Object.entries(valid)) {
  test(`both accept: ${name}`, () => {
    assert.deepEqual(validateBootstrap(make()), []);
    const envoy = envoyValidate(make());
    assert.ok(envoy.ok, envoy.output);
  });
}

for (const [name, make] of Object.entries(broken)) {
  test(`both reject: ${name}`, () => {
    const ours = validateBootstrap(make());
    assert.ok(ours.length > 0, "our proto check accepted it");
    const envoy = envoyValidate(make());
    assert.equal(envoy.ok, false, `Envoy accepted it; our check said ${JSON.stringify(ours)}`);
  });
}

test("YAML read as Envoy reads it: an unquoted `yes` is a boolean to Envoy, and both reject it in a string field", async () => {
  const { stringify } = await import("yaml");
  const { readYamlAsEnvoy } = await import("../../generator/validate/envoy-yaml.ts");
  const b = sample();
  hcm(b).route_config.virtual_hosts[0].routes[0].request_headers_to_add = [{ header: { key: "x-from", value: "yes" } }];
  const text = stringify(b); // the `yaml` package (YAML 1.2) writes the string unquoted
  assert.match(text, /value: yes$/m);
  const ours = validateBootstrap(readYamlAsEnvoy(text));
  assert.match(ours[0]?.message ?? "", /expected a string, got boolean true/);
  assert.equal(envoyValidate(text).ok, false);
  const quoted = text.replace(/value: yes$/m, 'value: "yes"');
  assert.deepEqual(validateBootstrap(readYamlAsEnvoy(quoted)), []);
  assert.equal(envoyValidate(quoted).ok, true);
});
