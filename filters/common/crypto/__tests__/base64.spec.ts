// Strict base64url (RFC 4648 §5 / RFC 7515 §2): RFC 4648 §10 vectors (in the URL alphabet,
// unpadded), round trips, and rejection of padding, '+' '/', whitespace, impossible lengths and
// non-zero trailing bits (which would give one byte string two spellings).
import { base64urlDecode, base64urlDecodeString, base64urlEncode, base64urlEncodeBytes } from "../index";
import { base64urlDecodeAt } from "../../encoding/base64url";
import { ascii, hex, toHex } from "./util";

function dec(s: string): string | null {
  const d = base64urlDecodeString(s);
  return d === null ? null : String.UTF8.decode(d);
}

describe("base64url", () => {
  it("decodes and encodes the RFC 4648 §10 vectors", () => {
    const plain = ["", "f", "fo", "foo", "foob", "fooba", "foobar"];
    const coded = ["", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"];
    for (let i = 0; i < plain.length; i++) {
      expect(dec(coded[i])).toBe(plain[i]);
      expect(base64urlEncode(ascii(plain[i]))).toBe(coded[i]);
    }
  });

  it("uses the URL-safe alphabet both ways", () => {
    expect(base64urlEncode(hex("fbff"))).toBe("-_8");
    expect(toHex(base64urlDecodeString("-_8")!)).toBe("fbff");
    expect(toHex(base64urlDecodeString("AQAB")!)).toBe("010001");
  });

  it("round-trips every byte value at every length mod 3", () => {
    for (let len = 0; len < 40; len++) {
      const data = new ArrayBuffer(len);
      for (let i = 0; i < len; i++) store<u8>(changetype<usize>(data) + i, <u8>(i * 37 + len * 11));
      const back = base64urlDecode(base64urlEncodeBytes(data))!;
      expect(toHex(back)).toBe(toHex(data));
    }
  });

  it("rejects padding, the standard alphabet, whitespace and other bytes", () => {
    expect(dec("Zg==")).toBeNull();
    expect(dec("Zm8=")).toBeNull();
    expect(dec("+_8")).toBeNull();
    expect(dec("-/8")).toBeNull();
    expect(dec("Zm9v Yg")).toBeNull();
    expect(dec("Zm9v\nYg")).toBeNull();
    expect(dec("Zm9v.")).toBeNull();
    expect(dec("Zm9vé")).toBeNull();
  });

  it("rejects lengths of 4k+1", () => {
    expect(dec("Z")).toBeNull();
    expect(dec("Zm9vY")).toBeNull();
  });

  it("rejects non-zero trailing bits (non-canonical spellings)", () => {
    expect(dec("Zh")).toBeNull(); // "Zg" with a low bit set
    expect(dec("Zm9")).toBeNull(); // "Zm8" with a low bit set
    expect(dec("Zm-")).toBeNull();
    expect(dec("AQAB")).not.toBeNull();
  });

  it("decodes a slice of a larger buffer", () => {
    const token = ascii("xx.Zm9vYmFy.yy");
    const d = base64urlDecodeAt(changetype<usize>(token) + 3, 8)!;
    expect(String.UTF8.decode(d)).toBe("foobar");
    expect(base64urlDecodeAt(changetype<usize>(token), -1)).toBeNull();
  });
});
