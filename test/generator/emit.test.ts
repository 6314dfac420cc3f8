// The YAML writer: what it writes reads back as exactly the value it was given (checked with the
// `yaml` package in both YAML 1.1 and 1.2 modes), with `@type` and `name` first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { emitYaml } from "../../generator/emit/index.ts";

const tricky = ["", " ", "yes", "No", "on", "null", "~", "true", "1", "1.5", "-1", "0x1F", "1e3", ".inf", "1:30",
  "2026-01-01", "a: b", "a #b", "#x", "- x", "[x]", "{x}", "*x", "&x", "!x", "|x", ">x", "%x", "@x", "`x`", "'x'", "\"x\"",
  "x:", ":x", "a\nb", "tab\there", "ü", "\u0000", "outbound|80||reviews.shop", "127.0.0.1", "spiffe://mesh.local/ns/a/sa/b",
  "2s", "x-wasmesh-", "/etc/wasmesh/wasm/route-match.wasm", "%REQ(:METHOD)%", "{\"json\":[1,2]}"];

test("every string reads back unchanged under YAML 1.1 and 1.2", () => {
  const value = { list: tricky, map: Object.fromEntries(tricky.map((s, i) => [s === "" ? "empty" : s, i])) };
  const text = emitYaml(value);
  for (const version of ["1.1", "1.2"] as const) assert.deepEqual(parse(text, { version }), value, version);
});

test("nesting, empty collections and key order", () => {
  const value = { b: [[1, [2]], [], {}, { x: [], y: {} }], a: { z: 1, name: "nm", "@type": "t" }, c: null, d: false, e: -0.25 };
  const text = emitYaml(value, "header line");
  assert.ok(text.startsWith("# header line\nb:\n"));
  assert.ok(text.includes('  "@type": t\n  name: nm\n  z: 1\n'));
  assert.deepEqual(parse(text), value);
});

test("emitJson is JSON that parses back to the value", async () => {
  const { emitJson } = await import("../../generator/emit/index.ts");
  const value = { b: [1, 2, 3], a: [{ name: "x", "@type": "t", k: [] }, "s", null, true], e: {}, u: "\u2028\"" };
  const text = emitJson(value);
  assert.deepEqual(JSON.parse(text), value);
  assert.ok(text.includes('"b": [1, 2, 3]'));
});
