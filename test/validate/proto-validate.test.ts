import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { validateBootstrap } from "../../generator/validate/validate-bootstrap.ts";
import { bootstrapType, findMessageType } from "../../generator/validate/proto-root.ts";
import { testBootstrap } from "../support/bootstrap.ts";
import { richBootstrap } from "./fixtures/rich-bootstrap.ts";

const HCM = "static_resources.listeners[0].filter_chains[0].filters[0].typed_config";
const sample = () => parse(readFileSync(new URL("./fixtures/reference-sample.yaml", import.meta.url), "utf8"));
const simple = () => testBootstrap({ adminPort: 9901, listenerPort: 10000, filters: [{ filter: "noop", config: {} }], clusters: { a: 18080 } }) as any;

test("valid bootstraps pass: test harness, reference §6.3 sample, feature-rich", () => {
  assert.deepEqual(validateBootstrap(simple()), []);
  assert.deepEqual(validateBootstrap(sample()), []);
  assert.deepEqual(validateBootstrap(richBootstrap("/tmp/certs")), []);
});

/** Applies `edit` to a fresh copy and returns the problems. */
function problemsAfter(base: () => any, edit: (b: any) => void) {
  const b = base();
  edit(b);
  return validateBootstrap(b);
}

function assertProblem(problems: { path: string; message: string }[], path: string, words: RegExp) {
  const hit = problems.find((p) => p.path === path);
  assert.ok(hit, `expected a problem at ${path}, got ${JSON.stringify(problems, null, 1)}`);
  assert.match(hit.message, words);
}

test("unknown field, at any depth, including inside an Any", () => {
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.listeners[0].colour = "red")),
    "static_resources.listeners[0].colour", /unknown field "colour" in envoy\.config\.listener\.v3\.Listener/);
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route.timeoutt = "1s")),
    `${HCM}.route_config.virtual_hosts[0].routes[0].route.timeoutt`, /unknown field/);
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.config.vm_config.code.local.file = "x")),
    `${HCM}.http_filters[0].typed_config.config.vm_config.code.local.file`, /unknown field "file"/);
});

test("wrong types", () => {
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.listeners[0].address.socket_address.port_value = "http")),
    "static_resources.listeners[0].address.socket_address.port_value", /expected an integer \(uint32\)/);
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].domains = "*")),
    `${HCM}.route_config.virtual_hosts[0].domains`, /expected a list/);
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.clusters[0].load_assignment.endpoints[0].lb_endpoints[0].load_balancing_weight = -1)),
    "static_resources.clusters[0].load_assignment.endpoints[0].lb_endpoints[0].load_balancing_weight", /out of range for uint32/);
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.normalize_path = "yes")),
    `${HCM}.normalize_path`, /expected true or false/);
});

test("enum values that do not exist", () => {
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.clusters[0].type = "STATICALLY")),
    "static_resources.clusters[0].type", /expected one of STATIC, STRICT_DNS.*envoy\.config\.cluster\.v3\.Cluster\.DiscoveryType/);
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.config.failure_policy = "FAIL_SOFTLY")),
    `${HCM}.http_filters[0].typed_config.config.failure_policy`, /FAIL_CLOSED/);
});

test("@type URLs that name no message", () => {
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[1].typed_config["@type"] = "type.googleapis.com/envoy.extensions.filters.http.router.v3.Routerr")),
    `${HCM}.http_filters[1].typed_config["@type"]`, /unknown type URL/);
  assertProblem(problemsAfter(sample, (b) => delete b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config["@type"]),
    `${HCM}["@type"]`, /expected a type URL/);
});

test("well-known types: Duration, wrappers, StringValue inside Any", () => {
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.clusters[0].connect_timeout = "250ms")),
    "static_resources.clusters[0].connect_timeout", /expected a duration such as "1\.5s"/);
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].route.timeout = 2)),
    `${HCM}.route_config.virtual_hosts[0].routes[0].route.timeout`, /duration/);
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.config.configuration.value = { default: "a" })),
    `${HCM}.http_filters[0].typed_config.config.configuration.value`, /expected a string/);
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.clusters[0].per_connection_buffer_limit_bytes = { value: 1 })),
    "static_resources.clusters[0].per_connection_buffer_limit_bytes", /expected an integer \(uint32\)/);
  assert.deepEqual(problemsAfter(sample, (b) => (b.static_resources.clusters[0].per_connection_buffer_limit_bytes = 1024)), []);
});

test("required fields and protoc-gen-validate rules", () => {
  assertProblem(problemsAfter(sample, (b) => delete b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].match),
    `${HCM}.route_config.virtual_hosts[0].routes[0].match`, /missing required field "match"/);
  assertProblem(problemsAfter(sample, (b) => delete b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.stat_prefix),
    `${HCM}.stat_prefix`, /non-empty/);
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].domains = [])),
    `${HCM}.route_config.virtual_hosts[0].domains`, /at least 1 item/);
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].match = {})),
    `${HCM}.route_config.virtual_hosts[0].routes[0].match`, /one of prefix, path, safe_regex.* is required/);
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.clusters[0].connect_timeout = "0s")),
    "static_resources.clusters[0].connect_timeout", /greater than 0s/);
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.listeners[0].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].match.path = "/x")),
    `${HCM}.route_config.virtual_hosts[0].routes[0].match`, /only one of .* may be set.*prefix and path/);
});

test("snake_case and lowerCamelCase names are both accepted, not both at once", () => {
  assert.deepEqual(problemsAfter(sample, (b) => {
    const l = b.static_resources.listeners[0];
    l.filterChains = l.filter_chains;
    delete l.filter_chains;
  }), []);
  assertProblem(problemsAfter(sample, (b) => (b.static_resources.clusters[0].connectTimeout = "1s")),
    "static_resources.clusters[0].connectTimeout", /given twice/);
});

test("reports every problem in one run", () => {
  const problems = problemsAfter(sample, (b) => {
    b.static_resources.clusters[0].type = "NOPE";
    b.static_resources.clusters[1].connect_timeout = "soon";
    b.static_resources.listeners[0].bogus = 1;
  });
  assert.deepEqual(problems.map((p) => p.path).sort(),
    ["static_resources.clusters[0].type", "static_resources.clusters[1].connect_timeout", "static_resources.listeners[0].bogus"]);
});

test("Envoy's protos load once per process: the same types serve every validation", () => {
  const first = bootstrapType();
  validateBootstrap(richBootstrap("/tmp/certs"));
  assert.equal(bootstrapType(), first);
  assert.equal(findMessageType("envoy.extensions.filters.http.wasm.v3.Wasm"), findMessageType("envoy.extensions.filters.http.wasm.v3.Wasm"));
  assert.equal(findMessageType("envoy.extensions.filters.http.nope.v3.Nope"), undefined);
});
