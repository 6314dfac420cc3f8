import { encodeUtf8 } from "../encoding/utf8";

function same(s: string): bool {
  const a = Uint8Array.wrap(encodeUtf8(s)), b = Uint8Array.wrap(String.UTF8.encode(s));
  if (a.length != b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
  return true;
}

describe("encodeUtf8", () => {
  it("writes one to four bytes per code point", () => {
    expect(Uint8Array.wrap(encodeUtf8("a\u00e9\u20ac\ud83d\ude00")).length).toBe(1 + 2 + 3 + 4);
    expect(encodeUtf8("").byteLength).toBe(0);
  });

  it("agrees with String.UTF8.encode, lone surrogates (WTF-8) included", () => {
    const units: u16[] = [0, 0x41, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd, 0xffff];
    for (let i = 0; i < units.length; i++) {
      for (let j = 0; j < units.length; j++) {
        expect(same(String.fromCharCode(units[i]) + String.fromCharCode(units[j]))).toBe(true);
        expect(same("x" + String.fromCharCode(units[i], units[j]) + String.fromCharCode(units[i]))).toBe(true);
      }
    }
    let seed: u32 = 1;
    for (let n = 0; n < 500; n++) {
      let s = "";
      for (let k = 0; k < 12; k++) {
        seed = seed * 1103515245 + 12345;
        const pick = (seed >> 16) & 3;
        s += String.fromCharCode(pick == 0 ? (seed >> 8) & 0x7f : pick == 1 ? 0xd800 + ((seed >> 4) & 0x7ff) : (seed >> 4) & 0xffff);
      }
      expect(same(s)).toBe(true);
    }
  });
});
