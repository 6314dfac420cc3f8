import { decimal, replaceChar, splitAt } from "../text";

describe("text helpers", () => {
  it("decimal formats as i64#toString does", () => {
    const values: i64[] = [0, 1, -1, 9, 10, -10, 1300819380, 9007199254740991, -9007199254740991, i64.MAX_VALUE, i64.MIN_VALUE];
    for (let i = 0; i < values.length; i++) expect(decimal(values[i])).toBe(values[i].toString());
    expect(decimal(i64.MIN_VALUE)).toBe("-9223372036854775808");
  });

  it("splitAt and replaceChar work on single characters", () => {
    const parts = splitAt("a/b//c", "/");
    expect(parts.length).toBe(4);
    expect(parts[2]).toBe("");
    expect(replaceChar("ns/name/r0", "/", ".")).toBe("ns.name.r0");
    expect(replaceChar("plain", "/", ".")).toBe("plain");
  });
});
