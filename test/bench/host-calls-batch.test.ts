// What Envoy 1.40 answers to batched attribute reads (bench/load/host-calls, kinds cel / props):
// the probe filter in "dump" mode, on the pinned real Envoy, logs the status and bytes of each
// read in on_log; these tests decode them and check them against the requests that were made.
//  - expr_create / expr_evaluate (proxy_call_foreign_function) exist in this official build;
//    a CEL list comes back in the pairs encoding with each element in a key slot, values empty.
//  - one absent attribute makes the whole unguarded list fail (InternalFailure, 10); guarded
//    with has() it reads as "" / -1, so a list is the answer for a fixed set of attributes.
//  - whole map-valued properties (request, response, upstream, …) are SerializationFailure (3),
//    by proxy_get_property and inside a CEL list; request.headers (a real map) is pairs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildProbe } from "../../bench/load/host-calls/build-probe.ts";
import { ATTRIBUTES, celList, decodePairs } from "../../bench/load/host-calls/batch.ts";
import { startEnvoy, type RunningEnvoy } from "../support/envoy.ts";
import { startUpstream, type Upstream } from "../support/upstream.ts";
import { freePort } from "../support/ports.ts";
import { testBootstrap } from "../support/bootstrap.ts";
import { makeCerts, type TestCerts } from "../access-log/certs.ts";
import { request as httpsRequest } from "node:https";
import { readFileSync } from "node:fs";

const WHOLE = ["request", "response", "upstream", "connection", "source", "destination", "xds"];
// The probe's read lines, numbered from 1 in its dumps.
const READS = [
  `expr ${celList(true)}`, // 1
  `expr ${celList(false)}`, // 2
  `expr {"code": response.code, "path": request.path}`, // 3
  "expr source.address", // 4
  "expr [request.headers, response.code]", // 5
  "expr request.nonexistent_attribute", // 6
  "expr [request.path", // 7: does not parse
  ...ATTRIBUTES.map(({ path }) => `prop ${path}`), // 8–21
  ...WHOLE.map((p) => `prop ${p}`), // 22–28
  "prop request.headers", // 29
  "del source.address", // 30: created, deleted at once
  "expr [response.code, response]", // 31: a whole wrapper map inside a list
];
const LIST = 1, UNGUARDED = 2, MAP = 3, SINGLE = 4, NESTED = 5, MISSING = 6, BAD = 7, PROP0 = 8;
const WHOLE0 = PROP0 + ATTRIBUTES.length, HEADERS = WHOLE0 + WHOLE.length, DELETED = HEADERS + 1, WHOLE_IN_CEL = DELETED + 1;
const SPIFFE = "spiffe://cluster.local/ns/shop/sa/web";

interface Dump { status: number; bytes: Buffer }

interface Probe { envoy: RunningEnvoy; listenerPort: number }
let api: Upstream;
let plain: Probe, mtls: Probe;
let certs: TestCerts;

async function startProbe(wasm: string, tls?: TestCerts): Promise<Probe> {
  const adminPort = await freePort();
  const listenerPort = await freePort();
  const boot = testBootstrap({
    adminPort, listenerPort, filters: [], clusters: { api: api.port },
    routes: [
      { name: "local-reply", match: { prefix: "/local" }, direct_response: { status: 418, body: { inline_string: "teapot" } } },
      { name: "to-api", match: { prefix: "/" }, route: { cluster: "api" } },
    ],
  }) as any;
  boot.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters.unshift({
    name: "wasmesh.probe",
    typed_config: {
      "@type": "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
      config: {
        name: "probe", root_id: "probe", failure_policy: "FAIL_CLOSED",
        configuration: { "@type": "type.googleapis.com/google.protobuf.StringValue", value: ["dump 1", ...READS].join("\n") },
        vm_config: { vm_id: "probe", runtime: "envoy.wasm.runtime.v8", code: { local: { filename: wasm } } },
      },
    },
  });
  if (tls) {
    boot.static_resources.listeners[0].filter_chains[0].transport_socket = {
      name: "envoy.transport_sockets.tls",
      typed_config: {
        "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
        require_client_certificate: true,
        common_tls_context: {
          tls_certificates: [{ certificate_chain: { filename: tls.serverCert }, private_key: { filename: tls.serverKey } }],
          validation_context: { trusted_ca: { filename: tls.ca } },
        },
      },
    };
  }
  return { envoy: await startEnvoy({ adminPort, bootstrap: boot }), listenerPort };
}

before(async () => {
  const wasm = buildProbe();
  api = await startUpstream("api");
  certs = makeCerts(SPIFFE);
  [plain, mtls] = await Promise.all([startProbe(wasm), startProbe(wasm, certs)]);
});

after(async () => {
  await Promise.all([plain?.envoy.stop(), mtls?.envoy.stop()]);
  await api?.close();
});

/** The dumps of every on_log so far, one array (indexed by read line) per request. */
function dumps(envoy: RunningEnvoy): Dump[][] {
  const groups: Dump[][] = [];
  for (const m of envoy.log().matchAll(/probe-dump (\d+) (\d+) (\S+)/g)) {
    const [line, status, hex] = [Number(m[1]), Number(m[2]), m[3]];
    if (line === 1) groups.push([]);
    groups[groups.length - 1][line] = { status, bytes: hex === "-" ? Buffer.alloc(0) : Buffer.from(hex, "hex") };
  }
  return groups;
}

/** POST over plaintext (fetch) or over mTLS with the client certificate naming SPIFFE. */
function post(probe: Probe, path: string, body: string): Promise<{ status: number; text: string }> {
  if (probe === plain) {
    return fetch(`http://127.0.0.1:${probe.listenerPort}${path}`, { method: "POST", body }).then(async (r) => ({ status: r.status, text: await r.text() }));
  }
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: "127.0.0.1", port: probe.listenerPort, path, method: "POST", ca: readFileSync(certs.ca),
      cert: certs.clientCert, key: certs.clientKey, headers: { "content-length": Buffer.byteLength(body) } }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function request(path: string, body: string, probe = plain): Promise<{ status: number; text: string; dump: Dump[]; t0: bigint; t1: bigint }> {
  const envoy = probe.envoy;
  const before = dumps(envoy).length;
  const t0 = BigInt(Date.now() - 1) * 1_000_000n;
  const res = await post(probe, path, body);
  const t1 = BigInt(Date.now() + 1) * 1_000_000n;
  for (let i = 0; i < 100; i++) {
    const all = dumps(envoy);
    if (all.length > before && all[all.length - 1].length === READS.length + 1) return { ...res, dump: all[all.length - 1], t0, t1 };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no dump for ${path}\n${envoy.log().split("\n").slice(-20).join("\n")}`);
}

const i64 = (b: Buffer) => b.readBigInt64LE(0);

/** The guarded list's 14 elements, decoded by attribute type; absent = "" / -1n. */
function listValues(d: Dump): Map<string, string | bigint> {
  assert.equal(d.status, 0, "expr_evaluate of the guarded list is Ok");
  const pairs = decodePairs(d.bytes);
  assert.equal(pairs.length, ATTRIBUTES.length);
  const out = new Map<string, string | bigint>();
  pairs.forEach(([k, v], i) => {
    assert.equal(v.length, 0, "list elements sit in the key slot; values are empty");
    const { path, type } = ATTRIBUTES[i];
    if (type === "string") out.set(path, k.toString("utf8"));
    else { assert.equal(k.length, 8, `${path} is 8 bytes`); out.set(path, i64(k)); }
  });
  return out;
}

test("an upstream request: one expr_evaluate of the 14-attribute list gives what the request was, byte for byte what proxy_get_property gives", async () => {
  const r = await request("/x", "hello");
  assert.equal(r.status, 200);
  const v = listValues(r.dump[LIST]);
  const time = v.get("request.time") as bigint;
  assert.ok(time >= r.t0 && time <= r.t1, `request.time ${time} within the request (ns since the epoch)`);
  const duration = v.get("request.duration") as bigint;
  assert.ok(duration > 0n && duration <= r.t1 - r.t0, `request.duration ${duration} ns`);
  assert.equal(v.get("request.protocol"), "HTTP/1.1");
  assert.equal(v.get("request.size"), 5n);
  assert.equal(v.get("response.code"), 200n);
  assert.equal(v.get("response.code_details"), "via_upstream");
  assert.equal(v.get("response.flags"), 0n);
  assert.equal(v.get("response.size"), BigInt(Buffer.byteLength(r.text)));
  assert.equal(v.get("upstream.address"), `127.0.0.1:${api.port}`);
  assert.match(v.get("source.address") as string, /^127\.0\.0\.1:\d+$/);
  assert.equal(v.get("destination.address"), `127.0.0.1:${plain.listenerPort}`);
  assert.equal(v.get("connection.uri_san_peer_certificate"), "", "plaintext: absent, read as the guard's \"\"");
  assert.equal(v.get("xds.route_name"), "to-api");
  assert.equal(v.get("xds.cluster_name"), "api");
  // Each element is exactly the bytes proxy_get_property returns for that path.
  const pairs = decodePairs(r.dump[LIST].bytes);
  ATTRIBUTES.forEach(({ path }, i) => {
    const p = r.dump[PROP0 + i];
    if (path === "connection.uri_san_peer_certificate") assert.equal(p.status, 1, `${path}: NotFound`);
    else { assert.equal(p.status, 0, path); assert.deepEqual(pairs[i][0], p.bytes, path); }
  });
});

test("without has() guards one absent attribute fails the whole list: InternalFailure", async () => {
  const r = await request("/x", "");
  assert.equal(r.dump[UNGUARDED].status, 10);
  assert.match(plain.envoy.log(), /expr_evaluate value error: Key not found in map : "uri_san_peer_certificate"/);
});

test("a local reply: upstream.address and xds.cluster_name are absent (the guards' \"\"), the rest as usual", async () => {
  const r = await request("/local", "abc");
  assert.equal(r.status, 418);
  const v = listValues(r.dump[LIST]);
  assert.equal(v.get("response.code"), 418n);
  assert.equal(v.get("response.code_details"), "direct_response");
  assert.equal(v.get("response.size"), 6n);
  assert.equal(v.get("request.size"), 3n);
  assert.equal(v.get("upstream.address"), "");
  assert.equal(v.get("xds.cluster_name"), "");
  assert.equal(v.get("xds.route_name"), "local-reply");
  assert.ok((v.get("request.duration") as bigint) > 0n);
  const at = (path: string) => r.dump[PROP0 + ATTRIBUTES.findIndex((a) => a.path === path)];
  assert.equal(at("upstream.address").status, 1, "proxy_get_property: NotFound");
  assert.equal(at("xds.cluster_name").status, 1, "proxy_get_property: NotFound");
  assert.equal(r.dump[UNGUARDED].status, 10);
});

test("other results: a single attribute is its plain encoding, a CEL map is pairs (unordered), a nested map is pairs inside a key slot", async () => {
  const r = await request("/y", "");
  const single = r.dump[SINGLE];
  assert.equal(single.status, 0);
  assert.deepEqual(single.bytes, r.dump[PROP0 + ATTRIBUTES.findIndex((a) => a.path === "source.address")].bytes);
  const map = new Map(decodePairs(r.dump[MAP].bytes).map(([k, v]) => [k.toString(), v]));
  assert.equal(map.size, 2);
  assert.equal(map.get("path")!.toString(), "/y");
  assert.equal(i64(map.get("code")!), 200n);
  const nested = decodePairs(r.dump[NESTED].bytes);
  assert.equal(nested.length, 2);
  const headers = new Map(decodePairs(nested[0][0]).map(([k, v]) => [k.toString(), v.toString()]));
  assert.equal(headers.get(":path"), "/y");
  assert.equal(headers.get(":method"), "POST");
  assert.equal(i64(nested[1][0]), 200n);
  // An unknown field of a known map evaluates to an error; a syntax error fails expr_create
  // (BadArgument 2, reported by the probe as 100 + status).
  assert.equal(r.dump[MISSING].status, 10);
  assert.equal(r.dump[BAD].status, 102);
  assert.match(plain.envoy.log(), /expr_create parse error/);
  // expr_delete is Ok; the deleted token's expr_evaluate is NotFound (1).
  assert.equal(r.dump[DELETED].status, 1);
  // Tokens: numbered from 0 in the root context, in creation order; the refused one took none.
  const tokens = [...plain.envoy.log().matchAll(/probe-dump (\d+) \d+ \S+ token=(\d+)/g)].slice(0, 7).map((m) => [Number(m[1]), Number(m[2])]);
  assert.deepEqual(tokens, [[LIST, 0], [UNGUARDED, 1], [MAP, 2], [SINGLE, 3], [NESTED, 4], [MISSING, 5], [DELETED, 6]]);
});

test("whole map-valued properties are SerializationFailure; request.headers is the pairs encoding", async () => {
  const r = await request("/z", "");
  WHOLE.forEach((name, i) => assert.equal(r.dump[WHOLE0 + i].status, 3, `proxy_get_property(${name})`));
  assert.equal(r.dump[WHOLE_IN_CEL].status, 3, "expr_evaluate of a list holding `response`");
  const headers = new Map(decodePairs(r.dump[HEADERS].bytes).map(([k, v]) => [k.toString(), v.toString()]));
  assert.equal(headers.get(":path"), "/z");
  assert.equal(headers.get(":authority"), `127.0.0.1:${plain.listenerPort}`);
});

test("over mTLS the list carries the peer's URI SAN, and the unguarded list succeeds", async () => {
  const r = await request("/tls", "hi", mtls);
  assert.equal(r.status, 200);
  const v = listValues(r.dump[LIST]);
  assert.equal(v.get("connection.uri_san_peer_certificate"), SPIFFE);
  assert.equal(v.get("response.code"), 200n);
  assert.equal(v.get("request.size"), 2n);
  assert.equal(v.get("destination.address"), `127.0.0.1:${mtls.listenerPort}`);
  assert.equal(r.dump[UNGUARDED].status, 0);
  assert.deepEqual(r.dump[UNGUARDED].bytes, r.dump[LIST].bytes);
  const i = ATTRIBUTES.findIndex((a) => a.path === "connection.uri_san_peer_certificate");
  assert.equal(r.dump[PROP0 + i].status, 0);
  assert.equal(r.dump[PROP0 + i].bytes.toString(), SPIFFE);
});
