// RFC 4231 §4 HMAC-SHA-256 test cases 1-4 and 6; RFC 7515 A.1 and RFC 7520 §4.4 (HS256 JWS).
import { hmacSha256, constantTimeEqual } from "../index";
import { hex, toHex, ascii, repeat, b64, flipBit } from "./util";

describe("hmacSha256", () => {
  it("matches RFC 4231 test cases", () => {
    expect(toHex(hmacSha256(repeat(0x0b, 20), ascii("Hi There")))).toBe(
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    );
    expect(toHex(hmacSha256(ascii("Jefe"), ascii("what do ya want for nothing?")))).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
    expect(toHex(hmacSha256(repeat(0xaa, 20), repeat(0xdd, 50)))).toBe(
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
    );
    expect(toHex(hmacSha256(hex("0102030405060708090a0b0c0d0e0f10111213141516171819"), repeat(0xcd, 50)))).toBe(
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
    );
    // Test case 6: a key longer than the block is hashed first.
    expect(toHex(hmacSha256(repeat(0xaa, 131), ascii("Test Using Larger Than Block-Size Key - Hash Key First")))).toBe(
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    );
  });

  it("verifies the RFC 7515 A.1 HS256 JWS over the exact signing input", () => {
    const key = b64("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");
    const input = ascii(
      "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ",
    );
    const tag = b64("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    expect(constantTimeEqual(hmacSha256(key, input), tag)).toBe(true);
    expect(constantTimeEqual(hmacSha256(flipBit(key, 3), input), tag)).toBe(false);
    expect(constantTimeEqual(hmacSha256(key, flipBit(input, 100)), tag)).toBe(false);
  });

  it("verifies the RFC 7520 §4.4 HS256 JWS", () => {
    const key = b64("hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg");
    const header = "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9";
    const payload =
      "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4";
    const tag = b64("s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0");
    expect(constantTimeEqual(hmacSha256(key, ascii(header + "." + payload)), tag)).toBe(true);
  });
});

describe("constantTimeEqual", () => {
  it("compares whole byte strings", () => {
    expect(constantTimeEqual(hex("00112233"), hex("00112233"))).toBe(true);
    expect(constantTimeEqual(hex("00112233"), hex("00112234"))).toBe(false);
    expect(constantTimeEqual(hex("80112233"), hex("00112233"))).toBe(false);
    expect(constantTimeEqual(hex("001122"), hex("00112233"))).toBe(false);
    expect(constantTimeEqual(new ArrayBuffer(0), new ArrayBuffer(0))).toBe(true);
  });
});
