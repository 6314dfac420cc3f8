// host/cel-list.ts: the CEL subset of Envoy's expr_create / expr_evaluate the host answers, with
// Envoy's encodings and failures (test/bench/host-calls-batch.test.ts shows them on Envoy 1.40).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCelList, evaluateCelList } from "../../host/cel-list.ts";
import { decodePairs } from "../../host/abi/pairs.ts";
import { int64, str } from "../../host/properties.ts";

const facts = new Map<string, Buffer>([["response\0code", int64(200)], ["xds\0route_name", str("r0")], ["filter_state\0wasmesh.auth", str("allow p/r")]]);
const lookup = (path: string[]) => facts.get(path.join("\0")) ?? null;

test("a guarded list reads each element's property bytes, the guard's value when absent, in key slots with empty values", () => {
  const list = parseCelList('[has(response.code) ? response.code : 0, has(upstream.address) ? upstream.address : "", ' +
    'has(request.duration) ? request.duration : -1, xds.route_name, "wasm.wasmesh.auth" in filter_state ? filter_state["wasm.wasmesh.auth"] : ""]');
  assert.ok(list);
  const pairs = decodePairs(evaluateCelList(list, lookup)!)!;
  assert.deepEqual(pairs.map(([, v]) => v), ["", "", "", "", ""]);
  assert.deepEqual(Buffer.from(pairs[0][0], "latin1"), int64(200));
  assert.equal(pairs[1][0], "");
  assert.deepEqual(Buffer.from(pairs[2][0], "latin1"), int64(-1));
  assert.equal(pairs[3][0], "r0");
  assert.equal(pairs[4][0], "allow p/r");
});

test("an absent unguarded element fails the whole list (Envoy: InternalFailure)", () => {
  assert.equal(evaluateCelList(parseCelList("[response.code, upstream.address]")!, lookup), null);
  assert.equal(evaluateCelList(parseCelList('[filter_state["wasm.other"]]')!, lookup), null);
});

test("what is outside the subset is refused, as Envoy refuses what does not parse", () => {
  for (const text of ["[request.path", "response.code", "[request.headers]", "[response]", "[foo.bar]", '{"a": response.code}',
    "[has(request.path) ? request.host : \"\"]", '["wasm.a" in filter_state ? filter_state["wasm.b"] : ""]', "[request.path + \"x\"]"]) {
    assert.equal(parseCelList(text), null, text);
  }
});
