import { parseJson } from "../json/parse";
import { decodeStringMatch, StringMatcher } from "../match/string-matcher";
import { ByteMap } from "../match/byte-map";
import { fnv1a32 } from "../hash";

function matcher(json: string): StringMatcher | null {
  const v = parseJson(String.UTF8.encode(json));
  return v === null ? null : decodeStringMatch(v);
}

function test(m: StringMatcher, s: string): bool {
  const b = String.UTF8.encode(s);
  return m.matches(changetype<usize>(b), b.byteLength);
}

describe("StringMatcher", () => {
  it("exact, prefix and suffix compare bytes", () => {
    const exact = matcher('{"exact":"/api"}')!;
    expect(test(exact, "/api")).toBe(true);
    expect(test(exact, "/api/")).toBe(false);
    expect(test(exact, "/API")).toBe(false);
    const prefix = matcher('{"prefix":"/api"}')!;
    expect(test(prefix, "/api")).toBe(true);
    expect(test(prefix, "/apix")).toBe(true);
    expect(test(prefix, "/ap")).toBe(false);
    const suffix = matcher('{"suffix":".png"}')!;
    expect(test(suffix, "a.png")).toBe(true);
    expect(test(suffix, "png")).toBe(false);
    expect(test(matcher('{"exact":""}')!, "")).toBe(true);
    expect(test(matcher('{"prefix":""}')!, "anything")).toBe(true);
  });

  it("ignoreCase folds ASCII only", () => {
    const m = matcher('{"exact":"Straße","ignoreCase":true}')!;
    expect(test(m, "STRAßE")).toBe(true);
    expect(test(m, "strasse")).toBe(false);
    expect(test(matcher('{"suffix":"YZ","ignoreCase":true}')!, "xyz")).toBe(true);
    expect(test(matcher('{"prefix":"Ab","ignoreCase":false}')!, "ab")).toBe(false);
  });

  it("refuses anything but exactly one known kind", () => {
    expect(matcher("{}")).toBeNull();
    expect(matcher('{"exact":"a","prefix":"b"}')).toBeNull();
    expect(matcher('{"contains":"a"}')).toBeNull();
    expect(matcher('{"exact":1}')).toBeNull();
    expect(matcher('{"exact":"a","ignoreCase":"yes"}')).toBeNull();
    expect(matcher('{"regex":{"source":"a"}}')).toBeNull();
    expect(matcher('"a"')).toBeNull();
  });
});

describe("ByteMap", () => {
  it("finds keys by bytes and refuses duplicates", () => {
    const m = new ByteMap(3);
    expect(m.set(String.UTF8.encode("api"), 0)).toBe(true);
    expect(m.set(String.UTF8.encode("users"), 1)).toBe(true);
    expect(m.set(String.UTF8.encode(""), 2)).toBe(true);
    expect(m.set(String.UTF8.encode("api"), 3)).toBe(false);
    const k = String.UTF8.encode("users");
    expect(m.get(changetype<usize>(k), 5)).toBe(1);
    expect(m.get(changetype<usize>(k), 4)).toBe(-1);
    expect(m.get(changetype<usize>(k), 0)).toBe(2);
  });

  it("hashes with FNV-1a", () => {
    const b = String.UTF8.encode("a");
    expect(fnv1a32(changetype<usize>(b), 1)).toBe(0xe40c292c);
    expect(fnv1a32(0, 0)).toBe(0x811c9dc5);
  });
});
