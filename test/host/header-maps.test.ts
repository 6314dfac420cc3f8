// Header maps: Envoy's pair format, lower-cased keys, first value, availability after continue.
import { test } from "node:test";
import assert from "node:assert/strict";
import { encodePairs, decodePairs, HeaderMap } from "../../host/index.ts";
import { startProbe, probe } from "./probe.ts";

test("pairs use Envoy's layout: count, lengths, then NUL-terminated keys and values", () => {
  const bytes = encodePairs([["a", "1"], ["bb", "22"]]);
  assert.equal(bytes.toString("hex"), "02000000" + "01000000" + "01000000" + "02000000" + "02000000" + "6100" + "3100" + "626200" + "323200");
  assert.deepEqual(decodePairs(bytes), [["a", "1"], ["bb", "22"]]);
});

test("the strict parser refuses trailing bytes, missing NULs and impossible counts", () => {
  const good = encodePairs([["k", "v"]]);
  assert.equal(decodePairs(Buffer.concat([good, Buffer.from([0])])), null);
  const noNul = Buffer.from(good); noNul[noNul.length - 1] = 0x41;
  assert.equal(decodePairs(noNul), null);
  assert.equal(decodePairs(Buffer.from([1, 0, 0, 0])), null);
  assert.equal(decodePairs(Buffer.from([0x01, 0x04, 0, 0])), null, "more than 1024 pairs");
});

test("keys are lower-cased on every operation, values kept as bytes, repeats stay separate", () => {
  const m = new HeaderMap([["X-A", "1"], ["x-a", "2"], ["B", "\xff\x80"]]);
  assert.equal(m.get("X-a"), "1", "single get returns the first value");
  assert.deepEqual(m.getAll("x-A"), ["1", "2"]);
  m.replace("X-A", "3");
  assert.deepEqual(m.pairs(), [["x-a", "3"], ["b", "\xff\x80"]]);
  assert.equal(m.byteSize, 3 + 1 + 1 + 2);
});

test("the filter sees Envoy's byte size and pair count; request headers are gone once continued", () => {
  const r = probe(startProbe(), "size");
  assert.equal(r.upstream!.headers.get("x-probe-count"), "7");
  assert.equal(r.upstream!.headers.get("x-probe-size"), "143");
  assert.equal(r.headers.get("x-probe-late-get"), "2", "BadArgument");
  assert.equal(r.headers.get("x-probe-late-pairs"), "0");
});

test("a malformed set_header_map_pairs buffer removes every request header (Ok), so nothing routes", () => {
  const r = probe(startProbe(), "malformed-pairs");
  assert.equal(r.status, 404);
  // Only what the probe wrote after the bad call is left: no :path, :method or client headers.
  assert.deepEqual(r.stream.forwardedHeaders!.pairs().map(([k]) => k), ["x-probe-set-result", "x-wasmesh-route", "x-wasmesh-cluster"]);
  assert.equal(r.stream.forwardedHeaders!.get("x-probe-set-result"), "0", "Ok");
});
