// compileRegex: the DFA's verdicts against JavaScript RegExp full match, and the errors for
// constructs RE2 does not have or the DFA cannot hold. Envoy runs RE2 in Latin-1 mode (one
// character per byte), so the reference RegExp runs without the `u` flag over the UTF-8 bytes of
// both the expression and the input, each byte as one character.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileRegex, MAX_DFA_STATES } from "../../generator/regex/compile.ts";
import { runCompiledRegex } from "../../generator/regex/run.ts";

// [RE2 source, equivalent JS source (same language), alphabet for random strings, JS flags,
//  matching seeds that the random strings also mutate]
const CASES: [string, string, string, string?, string[]?][] = [
  ["/api/v[0-9]+/.*", "/api/v[0-9]+/.*", "/apiv0129x\n", "", ["/api/v12/x/y", "/api/v1/"]],
  ["/api/v[0-9]+/[^/]*", "/api/v[0-9]+/[^/]*", "/apiv012x\n", "", ["/api/v3/ab", "/api/v10/"]],
  ["(a|b)*abb", "(a|b)*abb", "abc"],
  ["a{2,4}b?", "a{2,4}b?", "ab"],
  ["a{3,}", "a{3,}", "ab"],
  ["(?:ab|a)(?:bc|c)*", "(?:ab|a)(?:bc|c)*", "abc"],
  ["^/users/\\d+$", "/users/\\d+", "/users0123", "", ["/users/42"]],
  ["\\A/x\\z", "/x", "/x", "", ["/x"]],
  ["[[:alpha:]][[:alnum:]_-]*", "[A-Za-z][0-9A-Za-z_-]*", "aZ0_-!"],
  ["[[:^digit:]]+", "[^0-9]+", "a1é\n"],
  ["\\w+\\.\\w+", "\\w+\\.\\w+", "ab_.1-"],
  ["\\D\\W", "\\D\\W", "a1.-"],
  ["é+ü?", "é+ü?", "éüe"],
  [".", ".", "aé€😀\n"],
  ["(?s).{2}", ".{2}", "aé€😀\n", "s"],
  [".{2}", "[^\\n]{2}", "aé€😀\n", "s"],
  ["[^a]", "[^a]", "aé😀\n"],
  ["\\x{e9}|\\x41|\\101", "\\xe9|A|A", "A😀B"],
  ["\\Q.*\\E+", "\\.\\*+", ".*a"],
  ["\\pL+", "[A-Za-z\\xaa\\xb5\\xba\\xc0-\\xd6\\xd8-\\xf6\\xf8-\\xff]+", "aé1€Ж"],
  ["[é]+", "[é]+", "éae"],
  ["[\\d\\-a-c]+", "[\\d\\-a-c]+", "0-abd"],
  ["a|", "a|", "ab"],
  ["", "", "a"],
  ["a.*?b", "a.*?b", "abc", "s"],
  ["(?i)hello", "hello", "hHeElLoO", "i", ["HeLLo", "hello"]],
  ["(?i)[a-c]+x", "[a-c]+x", "abcABCxX", "i"],
  ["(?i)k", "k", "kK\u212aa", "i"],
  ["a(?i:b)c", "a[bB]c", "abcABC"],
  ["(?i)a(?-i)b", "[aA]b", "abAB", "", ["Ab", "ab"]],
];

/** The UTF-8 bytes of `s`, one character per byte (how Envoy's Latin-1 RE2 sees text). */
function latin1(s: string): string {
  return Buffer.from(s, "utf8").toString("latin1");
}

function* randomStrings(alphabet: string, seed: number, seeds: string[]): Generator<string> {
  const chars = [...alphabet];
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 8);
  yield "";
  yield* seeds;
  for (const base of seeds) {
    for (let i = 0; i < 100; i++) {
      const s = [...base];
      const at = next() % (s.length + 1);
      const op = next() % 3;
      if (op === 0) s.splice(at, 1);
      else if (op === 1) s.splice(at, 0, chars[next() % chars.length]);
      else s[at] = chars[next() % chars.length];
      yield s.join("");
    }
  }
  for (let i = 0; i < 400; i++) {
    let s = "";
    const len = next() % 9;
    for (let k = 0; k < len; k++) s += chars[next() % chars.length];
    yield s;
  }
}

for (const [re2, js, alphabet, flags = "", seeds = []] of CASES) {
  test(`DFA agrees with RegExp full match: ${JSON.stringify(re2)}`, () => {
    const compiled = compileRegex(re2);
    assert.ok(compiled.ok, compiled.ok ? "" : compiled.message);
    const reference = new RegExp(`^(?:${latin1(js)})$`, flags);
    let accepted = 0;
    for (const s of randomStrings(alphabet, re2.length + 7, seeds)) {
      const expected = reference.test(latin1(s));
      assert.equal(runCompiledRegex(compiled.regex, s), expected, `input ${JSON.stringify(s)}`);
      if (expected) accepted++;
    }
    if (re2 !== "" && !re2.startsWith("\\x")) assert.ok(accepted > 0, "the sample should contain matches");
  });
}

test("ignoreCase option folds like (?i)", () => {
  const compiled = compileRegex("/Api/[a-z]+", { ignoreCase: true });
  assert.ok(compiled.ok);
  assert.equal(runCompiledRegex(compiled.regex, "/API/Items"), true);
  assert.equal(runCompiledRegex(compiled.regex, "/api/it3ms"), false);
});

test("full match: a substring match is not enough", () => {
  const compiled = compileRegex("/api");
  assert.ok(compiled.ok);
  assert.equal(runCompiledRegex(compiled.regex, "/api"), true);
  assert.equal(runCompiledRegex(compiled.regex, "/api/x"), false);
  assert.equal(runCompiledRegex(compiled.regex, "x/api"), false);
});

test("Latin-1 mode, as Envoy: a character is a byte", () => {
  const check = (source: string, input: Uint8Array | string, expected: boolean) => {
    const r = compileRegex(source);
    assert.ok(r.ok, r.ok ? "" : r.message);
    assert.equal(runCompiledRegex(r.regex, input), expected, `${source} on ${JSON.stringify(input)}`);
  };
  check(".", Uint8Array.of(0xff), true);
  check(".", "é", false); // two bytes
  check("..", "é", true);
  check("é", "é", true);
  check("é+", Uint8Array.of(0xc3, 0xa9, 0xa9), true); // the + repeats the last byte
  check("é+", "éé", false);
  check("\\x{e9}", Uint8Array.of(0xe9), true);
  check("\\x{e9}", "é", false);
  check("(?i)\\x{e9}", Uint8Array.of(0xc9), false); // (?i) folds ASCII only
  check("(?i)k", "\u212a", false);
  check("\\C", Uint8Array.of(0xff), true);
  check("[^a]", "\n", true);
  const wide = compileRegex("\\x{100}");
  assert.equal(wide.ok, false);
  if (!wide.ok) assert.match(wide.message, /Latin-1/);
});

test("tables follow the contract: 256 classes, row-major transitions, state 0 starts", () => {
  const compiled = compileRegex("ab|ac");
  assert.ok(compiled.ok);
  const { classes, classCount, transitions, accepting, source } = compiled.regex;
  assert.equal(source, "ab|ac");
  assert.equal(classes.length, 256);
  assert.ok(classes.every((c) => c >= 0 && c < classCount));
  assert.equal(transitions.length % classCount, 0);
  assert.equal(transitions.length / classCount, 3); // start, after "a", accept
  assert.deepEqual(accepting, [2]);
  assert.ok(JSON.parse(JSON.stringify(compiled.regex)));
});

const ERRORS: [string, RegExp, number?][] = [
  ["(a)\\1", /backreferences/, 3],
  ["(?P<x>a)(?P=x)", /backreferences/],
  ["\\k<x>", /backreferences/],
  ["a(?=b)", /lookaround/, 1],
  ["(?!a)b", /lookaround/],
  ["(?<=a)b", /lookaround/],
  ["(?<!a)b", /lookaround/],
  ["(?>ab)", /atomic/],
  ["a*+", /possessive/],
  ["a++", /possessive/],
  ["a**", /bad repetition/],
  ["x{2}{3}", /bad repetition/],
  ["*a", /missing argument/],
  ["a{1001}", /at most 1000/],
  ["a{3,2}", /maximum below minimum/],
  ["(ab", /missing closing '\)'/],
  ["ab)", /unmatched '\)'/],
  ["[a-", /missing closing \]/],
  ["[z-a]", /invalid character class range/],
  ["\\Z", /\\Z is not supported/],
  ["\\y", /invalid escape/],
  ["\\p{NotAScript}", /unknown Unicode class/],
  ["a\\bc", /word boundaries/],
  ["a^b", /start of the expression/, 1],
  ["a$b", /end of the expression/, 1],
  ["(?#comment)", /comments/],
];

for (const [source, message, offset] of ERRORS) {
  test(`refuses ${JSON.stringify(source)}`, () => {
    const result = compileRegex(source);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.match(result.message, message);
    if (offset !== undefined) assert.equal(result.offset, offset);
  });
}

test("an expression whose DFA would blow up is refused with a message that says so", () => {
  const result = compileRegex("(a|b)*a(a|b){15}");
  assert.equal(result.ok, false);
  if (!result.ok) assert.match(result.message, new RegExp(`too complex.*${MAX_DFA_STATES} states`));
});

test("large but bounded expressions compile", () => {
  const result = compileRegex("[a-z0-9-]{1,63}(\\.[a-z0-9-]{1,63}){0,3}");
  assert.ok(result.ok, result.ok ? "" : result.message);
});
