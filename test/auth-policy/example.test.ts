// The filter's runnable example (filters/auth-policy/envoy.yaml) starts on the real Envoy and
// behaves as its comments say (ports moved to free ones, the wasm path made absolute).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createHmac } from "node:crypto";
import { parse } from "yaml";
import { startEnvoy } from "../support/envoy.ts";
import { startUpstream } from "../support/upstream.ts";
import { freePort } from "../support/ports.ts";
import { projectRoot, wasmPath } from "../support/paths.ts";
import { rawRequest } from "./raw-http.ts";

test("filters/auth-policy/envoy.yaml runs as documented", async () => {
  const b = parse(readFileSync(join(projectRoot, "filters", "auth-policy", "envoy.yaml"), "utf8"));
  const upstream = await startUpstream("backend");
  const [adminPort, port] = [await freePort(), await freePort()];
  b.admin.address.socket_address.port_value = adminPort;
  const listener = b.static_resources.listeners[0];
  listener.address.socket_address.port_value = port;
  const hcm = listener.filter_chains[0].filters[0].typed_config;
  hcm.http_filters[0].typed_config.config.vm_config.code.local.filename = wasmPath("auth-policy");
  b.static_resources.clusters[0].load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address.port_value = upstream.port;
  const envoy = await startEnvoy({ adminPort, bootstrap: b });
  try {
    assert.equal((await rawRequest(port, { path: "/public/x" })).status, 200);
    const denied = await rawRequest(port, { path: "/admin/../admin/x" });
    assert.equal(denied.status, 403);
    assert.equal(denied.body, "RBAC: access denied by meshauth/shop/example/r0\n");
    assert.equal((await rawRequest(port, { path: "/orders" })).status, 403);
    const key = Buffer.from("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow", "base64url");
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const input = `${b64({ alg: "HS256", kid: "example" })}.${b64({ iss: "https://issuer.example", sub: "ann", aud: "shop", exp: Math.floor(Date.now() / 1000) + 60 })}`;
    const token = `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
    const ok = await rawRequest(port, { path: "/orders", headers: [["authorization", `Bearer ${token}`]] });
    assert.equal(ok.status, 200);
    assert.equal(JSON.parse(ok.body).headers["x-user"], "ann");
  } finally {
    await envoy.stop();
    await upstream.close();
  }
});
