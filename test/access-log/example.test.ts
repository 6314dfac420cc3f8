// filters/access-log/envoy.yaml is a runnable example: Envoy accepts it, the filter takes its
// configuration, and the documented sed line turns Envoy's output into clean JSON lines.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { projectRoot } from "../support/paths.ts";
import { validateBootstrap, startEnvoy, type RunningEnvoy } from "../support/envoy.ts";
import { startUpstream, type Upstream } from "../support/upstream.ts";
import { freePort } from "../support/ports.ts";
import { eventually, STDOUT_PREFIX } from "./harness.ts";

const example = readFileSync(join(projectRoot, "filters", "access-log", "envoy.yaml"), "utf8");
let envoy: RunningEnvoy | undefined;
let upstream: Upstream | undefined;
after(async () => { await envoy?.stop(); await upstream?.close(); });

/** The example with its ports moved to free ones and the wasm path made absolute. */
async function portable(): Promise<{ doc: any; listener: number; admin: number }> {
  const doc = parse(example);
  const [admin, listener] = [await freePort(), await freePort()];
  upstream = await startUpstream("reviews");
  doc.admin.address.socket_address.port_value = admin;
  doc.static_resources.listeners[0].address.socket_address.port_value = listener;
  doc.static_resources.clusters[0].load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value = upstream.port;
  doc.static_resources.clusters[1].load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value = await freePort();
  const wasm = doc.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.config;
  wasm.vm_config.code.local.filename = join(projectRoot, wasm.vm_config.code.local.filename);
  return { doc, listener, admin };
}

test("the example bootstrap validates and logs a clean, redacted JSON line", async () => {
  const { doc, listener, admin } = await portable();
  const check = validateBootstrap(stringify(doc));
  assert.ok(check.ok, check.output);
  envoy = await startEnvoy({ adminPort: admin, bootstrap: doc });
  const res = await fetch(`http://127.0.0.1:${listener}/x?token=abc123`, { headers: { authorization: "Bearer abc123" } });
  assert.equal(res.status, 200);
  const lines = () => envoy!.log().split("\n").filter((l) => l.includes(STDOUT_PREFIX));
  assert.ok(await eventually(() => lines().length === 1));
  const rec = JSON.parse(lines()[0].slice(lines()[0].indexOf(STDOUT_PREFIX) + STDOUT_PREFIX.length));
  assert.equal(rec.path, "/x?token=[REDACTED]");
  assert.equal(rec["req.authorization"], "Bearer [REDACTED]");
  assert.equal(rec.route, "vs/shop/reviews/r0");
  assert.ok(!envoy.log().includes("abc123"));
});
