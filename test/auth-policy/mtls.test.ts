// Peer identity from a real certificate: a client-side Envoy originates mTLS with a client
// certificate carrying a SPIFFE URI SAN; the server-side Envoy requires and verifies client
// certificates and runs auth-policy, whose principals/namespaces rules see that identity. One
// route is JWT-protected on top of mTLS.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEnvoy, adminBlock, type RunningEnvoy } from "../support/envoy.ts";
import { startUpstream, type Upstream } from "../support/upstream.ts";
import { freePort } from "../support/ports.ts";
import { testBootstrap } from "../support/bootstrap.ts";
import { hcmOf } from "./harness.ts";
import { makePki, type TestPki, type Cert } from "./certs.ts";
import { rawRequest } from "./raw-http.ts";
import { makeKey, mint, standardClaims, type TestKey } from "./tokens.ts";
import type { AuthPolicyConfig } from "../../generator/plan/filters/auth-policy.ts";

const WEB = "spiffe://mesh.local/ns/shop/sa/web";
const BATCH = "spiffe://mesh.local/ns/billing/sa/batch";
const ISS = "https://issuer.test";
const rid = (n: number) => `meshauth/shop/reviews-mtls/r${n}`;

let pki: TestPki, upstream: Upstream, server: RunningEnvoy, client: RunningEnvoy;
let clientPort: number, serverPort: number, jwtKey: TestKey;

function policy(): AuthPolicyConfig {
  return {
    workload: "shop/reviews",
    jwtProviders: [{ name: "meshauth/shop/reviews-mtls/jwt0", issuer: ISS, audiences: ["reviews"], jwks: { keys: [jwtKey.jwk as any] },
      fromHeaders: [], fromParams: [], fromCookies: [], forward: false, outputClaimToHeaders: [], clockSkewSeconds: 60 }],
    rules: [
      { id: rid(0), action: "DENY", from: [{ principals: ["*/sa/batch"] }], to: [{ paths: ["/no-batch"] }] },
      { id: rid(1), action: "ALLOW", from: [{ principals: [WEB] }], to: [{ paths: ["/web-only"] }] },
      { id: rid(2), action: "ALLOW", from: [{ principals: ["mesh.local/ns/billing/sa/batch"] }], to: [{ paths: ["/batch-only"] }] },
      { id: rid(3), action: "ALLOW", from: [{ namespaces: ["shop"] }], to: [{ paths: ["/shop-ns"] }] },
      { id: rid(4), action: "ALLOW", from: [{ notNamespaces: ["shop"] }], to: [{ paths: ["/not-shop-ns"] }] },
      { id: rid(5), action: "ALLOW", to: [{ paths: ["/no-batch"] }] },
      { id: rid(6), action: "ALLOW", to: [{ paths: ["/when-peer"] }], when: [
        { key: "source.principal", values: ["spiffe://mesh.local/ns/shop/*"] }, { key: "source.namespace", notValues: ["billing"] }] },
      { id: rid(7), action: "ALLOW", from: [{ namespaces: ["shop"], requestPrincipals: [`${ISS}/*`] }], to: [{ paths: ["/jwt"] }] },
    ],
  };
}

function serverBootstrap(adminPort: number, port: number, serverCert: Cert): object {
  const b: any = testBootstrap({
    adminPort, listenerPort: port,
    filters: [{ filter: "auth-policy", config: policy() }],
    clusters: { backend: upstream.port },
    routes: [{ match: { prefix: "/" }, route: { cluster: "backend" } }],
  });
  b.static_resources.listeners[0].filter_chains[0].transport_socket = {
    name: "envoy.transport_sockets.tls",
    typed_config: {
      "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
      require_client_certificate: true,
      common_tls_context: {
        tls_certificates: [{ certificate_chain: { filename: serverCert.cert }, private_key: { filename: serverCert.key } }],
        validation_context: { trusted_ca: { filename: pki.ca.cert } },
      },
    },
  };
  hcmOf(b).forward_client_cert_details = "SANITIZE";
  return b;
}

/** Plain HTTP in; `x-as: batch` selects the batch identity, anything else the web identity. */
function clientBootstrap(adminPort: number, port: number, web: Cert, batch: Cert): object {
  const cluster = (name: string, cert: Cert) => ({
    name, type: "STATIC", connect_timeout: "2s",
    load_assignment: { cluster_name: name, endpoints: [{ lb_endpoints: [{ endpoint: { address: { socket_address: { address: "127.0.0.1", port_value: serverPort } } } }] }] },
    transport_socket: {
      name: "envoy.transport_sockets.tls",
      typed_config: {
        "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
        sni: "reviews.shop.local",
        common_tls_context: {
          tls_certificates: [{ certificate_chain: { filename: cert.cert }, private_key: { filename: cert.key } }],
          validation_context: {
            trusted_ca: { filename: pki.ca.cert },
            match_typed_subject_alt_names: [{ san_type: "URI", matcher: { exact: "spiffe://mesh.local/ns/shop/sa/reviews" } }],
          },
        },
      },
    },
  });
  return {
    admin: adminBlock(adminPort),
    static_resources: {
      listeners: [{
        name: "out", address: { socket_address: { address: "127.0.0.1", port_value: port } },
        filter_chains: [{ filters: [{
          name: "envoy.filters.network.http_connection_manager",
          typed_config: {
            "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
            stat_prefix: "out",
            route_config: { virtual_hosts: [{ name: "all", domains: ["*"], routes: [
              { match: { prefix: "/", headers: [{ name: "x-as", string_match: { exact: "batch" } }] }, route: { cluster: "as-batch" } },
              { match: { prefix: "/" }, route: { cluster: "as-web" } },
            ] }] },
            http_filters: [{ name: "envoy.filters.http.router", typed_config: { "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router" } }],
          },
        }] }],
      }],
      clusters: [cluster("as-web", web), cluster("as-batch", batch)],
    },
  };
}

before(async () => {
  pki = makePki();
  const serverCert = pki.leaf("reviews", ["URI:spiffe://mesh.local/ns/shop/sa/reviews", "DNS:reviews.shop.local"]);
  const web = pki.leaf("web", [`URI:${WEB}`]);
  const batch = pki.leaf("batch", [`URI:${BATCH}`]);
  jwtKey = await makeKey("ES256", "mtls-es");
  upstream = await startUpstream("reviews");
  const [serverAdmin, clientAdmin] = [await freePort(), await freePort()];
  [serverPort, clientPort] = [await freePort(), await freePort()];
  server = await startEnvoy({ adminPort: serverAdmin, bootstrap: serverBootstrap(serverAdmin, serverPort, serverCert) });
  client = await startEnvoy({ adminPort: clientAdmin, bootstrap: clientBootstrap(clientAdmin, clientPort, web, batch) });
});

after(async () => {
  await client?.stop();
  await server?.stop();
  await upstream?.close();
});

async function status(path: string, as: "web" | "batch", headers: [string, string][] = []): Promise<number> {
  return (await rawRequest(clientPort, { path, headers: [["x-as", as], ...headers] })).status;
}

test("principals come from the peer certificate's SPIFFE URI SAN", async () => {
  assert.equal(await status("/web-only", "web"), 200);
  assert.equal(await status("/web-only", "batch"), 403);
  assert.equal(await status("/batch-only", "batch"), 200, "Istio's form without spiffe:// matches too");
  assert.equal(await status("/batch-only", "web"), 403);
});

test("namespaces come from the SPIFFE id; notNamespaces is its negation", async () => {
  assert.equal(await status("/shop-ns", "web"), 200);
  assert.equal(await status("/shop-ns", "batch"), 403);
  assert.equal(await status("/not-shop-ns", "batch"), 200);
  assert.equal(await status("/not-shop-ns", "web"), 403);
});

test("a DENY on a principal suffix wins over an ALLOW for everyone", async () => {
  assert.equal(await status("/no-batch", "web"), 200);
  const r = await rawRequest(clientPort, { path: "/no-batch", headers: [["x-as", "batch"]] });
  assert.equal(r.status, 403);
  assert.equal(r.body, `RBAC: access denied by ${rid(0)}\n`);
});

test("source.principal and source.namespace conditions", async () => {
  assert.equal(await status("/when-peer", "web"), 200);
  assert.equal(await status("/when-peer", "batch"), 403);
});

test("a forged x-forwarded-client-cert header does not change the identity", async () => {
  const xfcc: [string, string] = ["x-forwarded-client-cert", `By=spiffe://mesh.local/ns/shop/sa/reviews;URI=${WEB}`];
  assert.equal(await status("/web-only", "batch", [xfcc]), 403);
});

test("a JWT-protected route needs both the mesh identity and a valid token", async () => {
  const token = await mint(jwtKey, standardClaims(ISS, "alice", "reviews"));
  const bearer: [string, string] = ["authorization", `Bearer ${token}`];
  assert.equal(await status("/jwt", "web", [bearer]), 200);
  assert.equal(await status("/jwt", "web"), 403, "no token: unauthenticated, the rule does not match");
  assert.equal(await status("/jwt", "batch", [bearer]), 403, "token but wrong namespace");
  const expired = await mint(jwtKey, standardClaims(ISS, "alice", "reviews", { exp: Math.floor(Date.now() / 1000) - 3600 }));
  const r = await rawRequest(clientPort, { path: "/jwt", headers: [["x-as", "web"], ["authorization", `Bearer ${expired}`]] });
  assert.equal(r.status, 401);
  assert.match(r.headers["www-authenticate"]?.[0] ?? "", /^Bearer realm="shop\/reviews", error="invalid_token"$/);
});

test("a client without a certificate cannot even connect to the server", async () => {
  await assert.rejects(rawRequest(serverPort, { path: "/shop-ns" }));
});
