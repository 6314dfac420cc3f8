import { parseJson } from "../json/parse";
import { JsonKind } from "../json/value";

function parse(s: string): JsonKind {
  const v = parseJson(String.UTF8.encode(s));
  return v === null ? -1 : v.kind;
}

describe("parseJson", () => {
  it("reads every JSON type", () => {
    const v = parseJson(String.UTF8.encode('{"a":[1,-2.5e3,true,false,null],"b":"x\\u00e9\\ud83d\\ude00\\n"}'))!;
    expect(v.kind).toBe(JsonKind.Object);
    const a = v.get("a")!;
    expect(a.items.length).toBe(5);
    expect(a.items[1].num).toBe(-2500.0);
    expect(a.items[2].bool).toBe(true);
    expect(a.items[4].isNull).toBe(true);
    expect(v.get("b")!.str).toBe("xé😀\n");
  });

  it("rejects malformed documents instead of guessing", () => {
    expect(parse("")).toBe(-1);
    expect(parse("{")).toBe(-1);
    expect(parse('{"a":1,}')).toBe(-1);
    expect(parse("[1,]")).toBe(-1);
    expect(parse("01")).toBe(-1);
    expect(parse("1.")).toBe(-1);
    expect(parse("'a'")).toBe(-1);
    expect(parse('"\\x"')).toBe(-1);
    expect(parse('"\\ud800"')).toBe(-1);
    expect(parse('"a\tb"')).toBe(-1);
    expect(parse("[1] [2]")).toBe(-1);
    expect(parse("nul")).toBe(-1);
  });

  it("rejects duplicate keys, which would give a document two readings", () => {
    expect(parse('{"alg":"RS256","alg":"none"}')).toBe(-1);
  });

  it("rejects invalid UTF-8 inside strings", () => {
    const bytes = new Uint8Array(5);
    bytes[0] = 0x22; bytes[1] = 0xc0; bytes[2] = 0x80; bytes[3] = 0x22; // overlong NUL
    expect(parseJson(bytes.buffer.slice(0, 4))).toBeNull();
    bytes[1] = 0xed; bytes[2] = 0xa0; bytes[3] = 0x80; bytes[4] = 0x22; // surrogate
    expect(parseJson(bytes.buffer)).toBeNull();
  });

  it("enforces depth and size limits", () => {
    const deep = "[".repeat(65) + "]".repeat(65);
    expect(parse(deep)).toBe(-1);
    expect(parse("[".repeat(64) + "]".repeat(64))).toBe(JsonKind.Array);
    expect(parseJson(String.UTF8.encode("[1,2,3]"), 6, 8)).toBeNull();
  });
});
