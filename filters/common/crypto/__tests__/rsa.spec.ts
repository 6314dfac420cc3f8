// RSASSA-PKCS1-v1_5: RFC 7515 A.2 and RFC 7520 §4.1 (RS256 JWS), fresh Node/OpenSSL signatures
// (node-vectors.ts), and the rejections: small modulus, wrong lengths, sig >= n, flipped bits,
// a Bleichenbacher'06 forgery (e = 3, garbage after the digest).
import { rsaPkcs1v15Verify, HashAlg } from "../index";
import { emsaPkcs1v15Encode } from "../rsa";
import { ascii, b64, flipBit, toHex, hex } from "./util";
import * as V from "./node-vectors";

const A2_N =
  "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ";
const A2_INPUT =
  "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
const A2_SIG =
  "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

const C41_N =
  "n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw";
const C41_INPUT =
  "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9.SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4";
const C41_SIG =
  "MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg";
// RFC 7520 §4.8: the same payload signed under the protected header {"alg":"RS256"} alone.
const C48_HEADER = "eyJhbGciOiJSUzI1NiJ9";
const C48_SIG =
  "MIsjqtVlOpa71KE-Mss8_Nq2YH4FGhiocsqrgi5NvyG53uoimic1tcMdSg-qptrzZc7CG6Svw2Y13TDIqHzTUrL_lR2ZFcryNFiHkSw129EghGpwkpxaTn_THJTCglNbADko1MZBCdwzJxwqZc-1RlpO2HibUYyXSwO97BSe0_evZKdjvvKSgsIqjytKSeAMbhMBdMma622_BG5t4sdbuCHtFjp9iJmkio47AIwqkZV1aIZsv33uPUqBBCXbYoQJwt7mxPftHmNlGoOSMxR_3thmXTCm4US-xiNOyhbm8afKK64jU6_TPtQHiJeQJxz9G3Tx-083B745_AfYOnlC9w";

const E = b64("AQAB");

function rs256(n: string, input: ArrayBuffer, sig: ArrayBuffer): bool {
  return rsaPkcs1v15Verify(HashAlg.SHA256, b64(n), E, input, sig);
}

describe("rsaPkcs1v15Verify: published JWS", () => {
  it("verifies RFC 7515 A.2 (RS256)", () => {
    expect(rs256(A2_N, ascii(A2_INPUT), b64(A2_SIG))).toBe(true);
  });

  it("verifies RFC 7520 §4.1 (RS256)", () => {
    expect(rs256(C41_N, ascii(C41_INPUT), b64(C41_SIG))).toBe(true);
  });

  it("verifies RFC 7520 §4.8 (first signature) only over its own protected header", () => {
    const payload = C41_INPUT.substr(C41_INPUT.indexOf(".") + 1);
    expect(rs256(C41_N, ascii(C48_HEADER + "." + payload), b64(C48_SIG))).toBe(true);
    expect(rs256(C41_N, ascii(C41_INPUT), b64(C48_SIG))).toBe(false);
  });

  it("rejects flipped bits in message, signature and modulus", () => {
    expect(rs256(A2_N, flipBit(ascii(A2_INPUT), 7), b64(A2_SIG))).toBe(false);
    expect(rs256(A2_N, ascii(A2_INPUT), flipBit(b64(A2_SIG), 2040))).toBe(false);
    expect(rs256(A2_N, ascii(A2_INPUT), flipBit(b64(A2_SIG), 5))).toBe(false);
    expect(rsaPkcs1v15Verify(HashAlg.SHA256, flipBit(b64(A2_N), 1000), E, ascii(A2_INPUT), b64(A2_SIG))).toBe(false);
    expect(rsaPkcs1v15Verify(HashAlg.SHA256, b64(A2_N), b64("AQAD"), ascii(A2_INPUT), b64(A2_SIG))).toBe(false);
  });

  it("rejects the right signature under another hash or another key", () => {
    expect(rsaPkcs1v15Verify(HashAlg.SHA384, b64(A2_N), E, ascii(A2_INPUT), b64(A2_SIG))).toBe(false);
    expect(rsaPkcs1v15Verify(HashAlg.SHA512, b64(A2_N), E, ascii(A2_INPUT), b64(A2_SIG))).toBe(false);
    expect(rs256(C41_N, ascii(A2_INPUT), b64(A2_SIG))).toBe(false);
  });

  it("rejects truncated, extended, zero and out-of-range signatures", () => {
    const sig = b64(A2_SIG);
    expect(rs256(A2_N, ascii(A2_INPUT), sig.slice(1))).toBe(false);
    expect(rs256(A2_N, ascii(A2_INPUT), sig.slice(0, 255))).toBe(false);
    const longer = new ArrayBuffer(257);
    memory.copy(changetype<usize>(longer) + 1, changetype<usize>(sig), 256);
    expect(rs256(A2_N, ascii(A2_INPUT), longer)).toBe(false);
    expect(rs256(A2_N, ascii(A2_INPUT), new ArrayBuffer(256))).toBe(false);
    expect(rs256(A2_N, ascii(A2_INPUT), b64(A2_N))).toBe(false); // s == n
    expect(rs256(A2_N, ascii(A2_INPUT), new ArrayBuffer(0))).toBe(false);
  });

  it("rejects unusable public exponents", () => {
    const n = b64(A2_N);
    const m = ascii(A2_INPUT);
    const s = b64(A2_SIG);
    expect(rsaPkcs1v15Verify(HashAlg.SHA256, n, new ArrayBuffer(0), m, s)).toBe(false);
    expect(rsaPkcs1v15Verify(HashAlg.SHA256, n, hex("01"), m, s)).toBe(false);
    expect(rsaPkcs1v15Verify(HashAlg.SHA256, n, hex("010000"), m, s)).toBe(false); // even
    expect(rsaPkcs1v15Verify(HashAlg.SHA256, n, hex("0100000001"), m, s)).toBe(false); // > 2^31-1
  });
});

function nodeMessage(): ArrayBuffer {
  return ascii(V.NODE_MESSAGE);
}

describe("rsaPkcs1v15Verify: signatures from Node's crypto", () => {
  it("verifies RS256 / RS384 / RS512 with 2048-bit keys and RS256 with 3072 and 4096 bits", () => {
    expect(rsaPkcs1v15Verify(HashAlg.SHA256, b64(V.RSA2048_SHA256_N), b64(V.RSA2048_SHA256_E), nodeMessage(), b64(V.RSA2048_SHA256_SIG))).toBe(true);
    expect(rsaPkcs1v15Verify(HashAlg.SHA384, b64(V.RSA2048_SHA384_N), b64(V.RSA2048_SHA384_E), nodeMessage(), b64(V.RSA2048_SHA384_SIG))).toBe(true);
    expect(rsaPkcs1v15Verify(HashAlg.SHA512, b64(V.RSA2048_SHA512_N), b64(V.RSA2048_SHA512_E), nodeMessage(), b64(V.RSA2048_SHA512_SIG))).toBe(true);
    expect(rsaPkcs1v15Verify(HashAlg.SHA256, b64(V.RSA3072_SHA256_N), b64(V.RSA3072_SHA256_E), nodeMessage(), b64(V.RSA3072_SHA256_SIG))).toBe(true);
    expect(rsaPkcs1v15Verify(HashAlg.SHA256, b64(V.RSA4096_SHA256_N), b64(V.RSA4096_SHA256_E), nodeMessage(), b64(V.RSA4096_SHA256_SIG))).toBe(true);
    expect(rsaPkcs1v15Verify(HashAlg.SHA256, b64(V.RSA2048_E3_SHA256_N), b64(V.RSA2048_E3_SHA256_E), nodeMessage(), b64(V.RSA2048_E3_SHA256_SIG))).toBe(true);
  });

  it("rejects a valid signature under a 1024-bit key (minimum is 2048)", () => {
    expect(rsaPkcs1v15Verify(HashAlg.SHA256, b64(V.RSA1024_SHA256_N), b64(V.RSA1024_SHA256_E), nodeMessage(), b64(V.RSA1024_SHA256_SIG))).toBe(false);
  });

  it("rejects a Bleichenbacher'06 forgery that only a lenient parser accepts", () => {
    expect(rsaPkcs1v15Verify(HashAlg.SHA256, b64(V.FORGED_E3_N), b64(V.FORGED_E3_E), nodeMessage(), b64(V.FORGED_E3_SIG))).toBe(false);
  });
});

describe("emsaPkcs1v15Encode", () => {
  it("builds 00 01 FF.. 00 DigestInfo(SHA-256) H (RFC 8017 §9.2)", () => {
    const em = emsaPkcs1v15Encode(HashAlg.SHA256, ascii("abc"), 64)!;
    expect(toHex(em)).toBe(
      "0001" + "ffffffffffffffffffff" + "00" + "3031300d060960864801650304020105000420" + "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(emsaPkcs1v15Encode(HashAlg.SHA256, ascii("abc"), 61)).toBeNull();
  });
});
