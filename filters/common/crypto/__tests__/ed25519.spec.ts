// Ed25519: RFC 8032 §7.1 TEST 1-3, RFC 8037 A.4 (EdDSA JWS), a fresh Node/OpenSSL signature,
// and the rejections: S >= L (S + L, the classic malleability), non-canonical or invalid A,
// flipped bits, wrong lengths.
import { ed25519Verify } from "../index";
import { ascii, b64, hex, flipBit } from "./util";
import * as V from "./node-vectors";

const T1_PK = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const T1_SIG =
  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
// T1_SIG with S replaced by S + L (derived): same residue, non-canonical encoding.
const T1_SIG_S_PLUS_L =
  "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901554c8c7872aa064e049dbb3013fbf29380d25bf5f0595bbe24655141438e7a101b";
const T2_PK = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
const T2_SIG =
  "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";
const T3_PK = "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025";
const T3_SIG =
  "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a";

const JWS_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
const JWS_INPUT = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
const JWS_SIG = "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

describe("ed25519Verify", () => {
  it("verifies RFC 8032 §7.1 TEST 1-3", () => {
    expect(ed25519Verify(hex(T1_PK), new ArrayBuffer(0), hex(T1_SIG))).toBe(true);
    expect(ed25519Verify(hex(T2_PK), hex("72"), hex(T2_SIG))).toBe(true);
    expect(ed25519Verify(hex(T3_PK), hex("af82"), hex(T3_SIG))).toBe(true);
  });

  it("verifies the RFC 8037 A.4 EdDSA JWS", () => {
    expect(ed25519Verify(b64(JWS_X), ascii(JWS_INPUT), b64(JWS_SIG))).toBe(true);
  });

  it("verifies a signature made by Node's crypto", () => {
    expect(ed25519Verify(b64(V.ED25519_X), ascii(V.NODE_MESSAGE), b64(V.ED25519_SIG))).toBe(true);
  });

  it("rejects a non-canonical S (S + L)", () => {
    expect(ed25519Verify(hex(T1_PK), new ArrayBuffer(0), hex(T1_SIG_S_PLUS_L))).toBe(false);
    const maxS = hex(T1_SIG);
    memory.fill(changetype<usize>(maxS) + 32, 0xff, 32);
    expect(ed25519Verify(hex(T1_PK), new ArrayBuffer(0), maxS)).toBe(false);
  });

  it("rejects signatures from another key or over another message", () => {
    expect(ed25519Verify(hex(T2_PK), new ArrayBuffer(0), hex(T1_SIG))).toBe(false);
    expect(ed25519Verify(hex(T2_PK), hex("73"), hex(T2_SIG))).toBe(false);
    expect(ed25519Verify(hex(T3_PK), hex("af"), hex(T3_SIG))).toBe(false);
  });

  it("rejects flipped bits in R, S and the key", () => {
    for (let bit = 0; bit < 512; bit += 37) {
      expect(ed25519Verify(hex(T2_PK), hex("72"), flipBit(hex(T2_SIG), bit))).toBe(false);
    }
    expect(ed25519Verify(flipBit(hex(T2_PK), 0), hex("72"), hex(T2_SIG))).toBe(false);
    expect(ed25519Verify(flipBit(hex(T2_PK), 255), hex("72"), hex(T2_SIG))).toBe(false);
  });

  it("rejects invalid public key encodings", () => {
    // y = p (non-canonical encoding of y = 0)
    expect(ed25519Verify(hex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"), hex("72"), hex(T2_SIG))).toBe(false);
    // y = 2: x^2 = (y^2 - 1) / (d y^2 + 1) has no square root
    expect(ed25519Verify(hex("0200000000000000000000000000000000000000000000000000000000000000"), hex("72"), hex(T2_SIG))).toBe(false);
    // y = 1 with the sign bit set: x = 0 cannot be "negative"
    expect(ed25519Verify(hex("0100000000000000000000000000000000000000000000000000000000000080"), hex("72"), hex(T2_SIG))).toBe(false);
  });

  it("rejects wrong lengths", () => {
    expect(ed25519Verify(hex(T2_PK), hex("72"), hex(T2_SIG).slice(0, 63))).toBe(false);
    expect(ed25519Verify(hex(T2_PK).slice(0, 31), hex("72"), hex(T2_SIG))).toBe(false);
    expect(ed25519Verify(hex(T2_PK), hex("72"), new ArrayBuffer(0))).toBe(false);
  });
});
