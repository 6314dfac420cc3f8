// Peer identity on real Envoy: over mTLS the record's `peer` is the client certificate's URI
// SAN (connection.uri_san_peer_certificate), e.g. a SPIFFE id.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:https";
import { readFileSync } from "node:fs";
import { startEnvoy, type RunningEnvoy } from "../support/envoy.ts";
import { startUpstream, type Upstream } from "../support/upstream.ts";
import { freePort } from "../support/ports.ts";
import { testBootstrap } from "../support/bootstrap.ts";
import { baseConfig, eventually, STDOUT_PREFIX } from "./harness.ts";
import { makeCerts } from "./certs.ts";

const SPIFFE = "spiffe://cluster.local/ns/shop/sa/web";
let envoy: RunningEnvoy | undefined;
let upstream: Upstream | undefined;
after(async () => { await envoy?.stop(); await upstream?.close(); });

test("over mTLS the record names the peer's SPIFFE id", async () => {
  const certs = makeCerts(SPIFFE);
  upstream = await startUpstream("reviews");
  const [adminPort, listenerPort] = [await freePort(), await freePort()];
  const bootstrap = testBootstrap({
    adminPort, listenerPort,
    filters: [{ filter: "access-log", config: baseConfig(), failurePolicy: "FAIL_OPEN" }],
    clusters: { reviews: upstream.port },
    routes: [{ name: "r", match: { prefix: "/" }, route: { cluster: "reviews" } }],
  }) as any;
  bootstrap.static_resources.listeners[0].filter_chains[0].transport_socket = {
    name: "envoy.transport_sockets.tls",
    typed_config: {
      "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
      require_client_certificate: true,
      common_tls_context: {
        tls_certificates: [{ certificate_chain: { filename: certs.serverCert }, private_key: { filename: certs.serverKey } }],
        validation_context: { trusted_ca: { filename: certs.ca } },
      },
    },
  };
  envoy = await startEnvoy({ adminPort, bootstrap });
  const status = await new Promise<number>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: listenerPort, path: "/peer", ca: readFileSync(certs.ca),
      cert: certs.clientCert, key: certs.clientKey, headers: { "x-request-id": "mtls-1" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
  assert.equal(status, 200);
  const lines = () => envoy!.log().split("\n").filter((l) => l.includes(STDOUT_PREFIX));
  assert.ok(await eventually(() => lines().length === 1));
  const rec = JSON.parse(lines()[0].slice(lines()[0].indexOf(STDOUT_PREFIX) + STDOUT_PREFIX.length));
  assert.equal(rec.request_id, "mtls-1");
  assert.equal(rec.peer, SPIFFE);
});
