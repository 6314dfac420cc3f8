// ECDSA P-256 / SHA-256 (ES256): RFC 7515 A.3, its high-S twin (JWS has no low-S rule), a fresh
// Node/OpenSSL signature, and the rejections: CVE-2022-21449 (r = s = 0), r or s = n, keys off
// the curve or with coordinates >= p, flipped bits, wrong lengths.
import { ecdsaP256Verify } from "../index";
import { ascii, b64, hex, flipBit } from "./util";
import * as V from "./node-vectors";

const X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
const Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
const INPUT =
  "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
const SIG = "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
const HIGH_S = "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmU69fgrc8OPGycO0lD3tat_FoFp57SETepkeks4eL_QfA";
const N_HEX = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
const P_HEX = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff";

function es256(sig: ArrayBuffer): bool {
  return ecdsaP256Verify(b64(X), b64(Y), ascii(INPUT), sig);
}

describe("ecdsaP256Verify", () => {
  it("verifies RFC 7515 A.3 (ES256) and its high-S twin", () => {
    expect(es256(b64(SIG))).toBe(true);
    expect(es256(b64(HIGH_S))).toBe(true);
  });

  it("verifies a signature made by Node's crypto", () => {
    expect(ecdsaP256Verify(b64(V.P256_X), b64(V.P256_Y), ascii(V.NODE_MESSAGE), b64(V.P256_SIG))).toBe(true);
    expect(ecdsaP256Verify(b64(V.P256_X), b64(V.P256_Y), ascii(INPUT), b64(V.P256_SIG))).toBe(false);
  });

  it("rejects psychic signatures (CVE-2022-21449) and r, s outside [1, n-1]", () => {
    expect(es256(new ArrayBuffer(64))).toBe(false);
    expect(es256(hex(N_HEX + N_HEX))).toBe(false);
    const sig = b64(SIG);
    const rZero = sig.slice(0);
    memory.fill(changetype<usize>(rZero), 0, 32);
    expect(es256(rZero)).toBe(false);
    const sZero = sig.slice(0);
    memory.fill(changetype<usize>(sZero) + 32, 0, 32);
    expect(es256(sZero)).toBe(false);
    expect(es256(concat(hex(N_HEX), sig.slice(32)))).toBe(false);
    expect(es256(concat(sig.slice(0, 32), hex(N_HEX)))).toBe(false);
  });

  it("rejects flipped bits in message, r, s and key", () => {
    expect(ecdsaP256Verify(b64(X), b64(Y), flipBit(ascii(INPUT), 0), b64(SIG))).toBe(false);
    expect(es256(flipBit(b64(SIG), 3))).toBe(false);
    expect(es256(flipBit(b64(SIG), 300))).toBe(false);
    expect(ecdsaP256Verify(flipBit(b64(X), 9), b64(Y), ascii(INPUT), b64(SIG))).toBe(false);
    expect(ecdsaP256Verify(b64(X), flipBit(b64(Y), 9), ascii(INPUT), b64(SIG))).toBe(false);
  });

  it("rejects public keys off the curve or not reduced mod p", () => {
    expect(ecdsaP256Verify(new ArrayBuffer(32), new ArrayBuffer(32), ascii(INPUT), b64(SIG))).toBe(false);
    expect(ecdsaP256Verify(hex(P_HEX), b64(Y), ascii(INPUT), b64(SIG))).toBe(false);
    expect(ecdsaP256Verify(b64(X), hex(P_HEX), ascii(INPUT), b64(SIG))).toBe(false);
    expect(ecdsaP256Verify(hex("ffffffff00000001000000000000000000000001000000000000000000000000"), b64(Y), ascii(INPUT), b64(SIG))).toBe(false);
  });

  it("rejects wrong lengths", () => {
    const sig = b64(SIG);
    expect(es256(sig.slice(0, 63))).toBe(false);
    expect(es256(concat(sig, new ArrayBuffer(1)))).toBe(false);
    expect(es256(new ArrayBuffer(0))).toBe(false);
    expect(ecdsaP256Verify(b64(X).slice(1), b64(Y), ascii(INPUT), sig)).toBe(false);
    expect(ecdsaP256Verify(concat(new ArrayBuffer(1), b64(X)), b64(Y), ascii(INPUT), sig)).toBe(false);
  });
});

function concat(a: ArrayBuffer, b: ArrayBuffer): ArrayBuffer {
  const out = new ArrayBuffer(a.byteLength + b.byteLength);
  memory.copy(changetype<usize>(out), changetype<usize>(a), a.byteLength);
  memory.copy(changetype<usize>(out) + a.byteLength, changetype<usize>(b), b.byteLength);
  return out;
}

