// The proto gate's fast reader for the emitter's own YAML: on everything the emitter writes it
// reads what the full `yaml` reader (with Envoy's YAML 1.1 booleans) reads, and on any other text
// it steps aside (undefined) so the full reader decides.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { emitYaml } from "../../generator/emit/index.ts";
import { EmittedYamlReader } from "../../generator/validate/emitted-yaml.ts";
import { readAnyYamlAsEnvoy, readYamlAsEnvoy } from "../../generator/validate/envoy-yaml.ts";
import { CASES_DIR } from "../generator/support/cases.ts";

const reader = () => new EmittedYamlReader(readAnyYamlAsEnvoy);

const TRICKY = ["", " ", "yes", "No", "ON", "oFF", "y", "n", "null", "Null", "~", "true", "FALSE", "1", "1.5", "-1", "+1", "0x1F",
  "0o17", "1e3", "1_000", ".inf", "-.inf", ".NaN", "1:30", "2026-01-01", "a: b", "a #b", "#x", "- x", "-", "[x]", "{x}", "*x",
  "&x", "!x", "|x", ">x", "%x", "@x", "`x`", "'x'", "\"x\"", "x:", ":x", "a:b", "a:b:", "a\nb", "a\r\nb", "tab\there", "ü",
  "\u0000", "\u007f", "\u0085", "\u2028", "\ufeff", "😀", "\ud800", "outbound|80||reviews.shop", "127.0.0.1", "::1",
  "spiffe://mesh.local/ns/a/sa/b", "2s", "0.5s", "x-wasmesh-", "/etc/wasmesh/wasm/route-match.wasm", "%REQ(:METHOD)%",
  "{\"json\":[1,2]}", "__proto__", "<<", "=", "?", "? x", "...", "---", "a\\b", "\\u0041"];

/** Strings the emitter writes as JSON strings that the fast reader leaves to the full reader. */
const STEP_ASIDE = ["\u007f", "\u0085", "\u2028", "\ufeff", "__proto__"];

/** A small deterministic generator of values shaped like bootstraps, with strings from `pool`. */
function randomValue(seed: number, pool: string[]) {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const pick = <T,>(xs: T[]): T => xs[Math.floor(next() * xs.length)];
  const scalar = (): unknown => pick([() => pick(pool), () => Math.round(next() * 1e6) / pick([1, 10, 1000]), () => -next(),
    () => pick([true, false, null, 0, 2 ** 60, 1e21, 1e-7])])();
  const value = (depth: number): unknown => {
    const r = next();
    if (depth > 4 || r < 0.3) return scalar();
    if (r < 0.55) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    const out: Record<string, unknown> = {};
    for (let i = Math.floor(next() * 5); i > 0; i--) out[pick([...pool.filter((t) => t !== "__proto__"), "name", "@type", "k"])] = value(depth + 1);
    return out;
  };
  return { root: value(0), also: [value(1), value(1)] };
}

test("reads every emitted value exactly as the full reader does", () => {
  for (let seed = 1; seed <= 300; seed++) {
    const text = emitYaml(randomValue(seed, TRICKY), `case ${seed}`);
    const full = readAnyYamlAsEnvoy(text);
    const read = reader().read(text);
    if (read !== undefined) assert.deepEqual(read, full, `seed ${seed}:\n${text}`);
    assert.deepEqual(readYamlAsEnvoy(text), full, `seed ${seed}`);
  }
});

test("takes the fast path for every emitted value without the characters it leaves aside", () => {
  const pool = TRICKY.filter((t) => !STEP_ASIDE.includes(t));
  for (let seed = 1; seed <= 200; seed++) {
    const text = emitYaml(randomValue(seed, pool));
    assert.deepEqual(reader().read(text), readAnyYamlAsEnvoy(text), `seed ${seed}:\n${text}`);
  }
  for (const s of STEP_ASIDE) assert.equal(reader().read(emitYaml({ [s]: s })), undefined, JSON.stringify(s));
});

test("reads every golden bootstrap on the fast path, as the full reader does", () => {
  let files = 0;
  for (const c of readdirSync(CASES_DIR)) {
    const out = join(CASES_DIR, c, "out");
    let names: string[] = [];
    try { names = readdirSync(out).filter((f) => f.endsWith(".yaml")); } catch { continue; }
    for (const f of names) {
      const text = readFileSync(join(out, f), "utf8");
      const read = reader().read(text);
      assert.notEqual(read, undefined, `${c}/${f} left the fast path`);
      assert.deepEqual(read, readAnyYamlAsEnvoy(text), `${c}/${f}`);
      files++;
    }
  }
  assert.ok(files >= 5);
});

test("steps aside for YAML the emitter never writes", () => {
  const other = [
    "a: {b: 1}\n", "a: [1, 2]\n", "a:\n- 1\n", "a:\n    b: 1\n", "a:\n  b: 1\n   c: 2\n", "a: 1\n\nb: 2\n", "a: 1\n# c\nb: 2\n",
    "a: &x 1\nb: *x\n", "a: |\n  text\n", "a: >\n  text\n", "a: 'q'\n", "a: \"multi\n  line\"\n", "a: 1\na: 2\n", "---\na: 1\n",
    "a: 1\n...\n", "a:  1\n", "a: 1 # c\n", "a:\tb\n", "? a\n: b\n", "- a\n  - b\n", "a: 1", "a:\n", "a: b: c\n", "80: x\n",
    "\"a\tb\": 1\n", "a: \"\u2028\"\n", "a: !!str 1\n", "%YAML 1.2\n---\na: 1\n",
  ];
  for (const text of other) {
    assert.equal(reader().read(text), undefined, JSON.stringify(text));
    let full: unknown, fullError: unknown, ours: unknown, ourError: unknown;
    try { full = readAnyYamlAsEnvoy(text); } catch (e) { fullError = e; }
    try { ours = readYamlAsEnvoy(text); } catch (e) { ourError = e; }
    assert.equal(ourError === undefined, fullError === undefined, JSON.stringify(text));
    assert.deepEqual(ours, full, JSON.stringify(text));
  }
});

test("plain scalars keep Envoy's meaning: YAML 1.1 booleans, numbers, strings", () => {
  const text = "a: yes\nb: Off\nc: 8080\nd: 0.5\ne: 10.0.0.1\nf: null\ng: yEs\nh: 2s\n";
  const read = reader().read(text);
  assert.deepEqual(read, { a: true, b: false, c: 8080, d: 0.5, e: "10.0.0.1", f: null, g: "yEs", h: "2s" });
  assert.deepEqual(read, readAnyYamlAsEnvoy(text));
});

test("with shared identical parts, every document still reads as the full reader reads it", () => {
  const shared = new EmittedYamlReader(readAnyYamlAsEnvoy, { shareIdentical: true });
  const texts: string[] = [];
  for (const c of readdirSync(CASES_DIR)) {
    const out = join(CASES_DIR, c, "out");
    try { texts.push(...readdirSync(out).filter((f) => f.endsWith(".yaml")).map((f) => readFileSync(join(out, f), "utf8"))); } catch { /* no output */ }
  }
  const pool = TRICKY.filter((t) => !STEP_ASIDE.includes(t));
  const one = { a: [{ b: [{ c: 1, d: 2 }] }, { b: [{ c: 1, d: 2 }, { c: 1, d: 2 }] }], e: { f: [[{ c: 1, d: 2 }]] } };
  texts.push(emitYaml(one), emitYaml({ x: one, y: [one, one] }));
  for (let seed = 1; seed <= 100; seed++) texts.push(emitYaml({ a: randomValue(seed, pool), b: randomValue(seed + 1, pool), c: randomValue(seed, pool) }));
  for (const text of [...texts, ...texts]) assert.deepEqual(shared.read(text), readAnyYamlAsEnvoy(text), text.slice(0, 400));
});
