// FIPS 180-4 example vectors (NIST "Examples with intermediate values"): "abc", the empty
// string, the 448-bit and 896-bit messages, one million 'a'.
import { sha256, sha384, sha512 } from "../index";
import { Sha256 } from "../sha256";
import { hex, toHex, ascii, repeat } from "./util";

const M448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
const M896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

describe("sha256", () => {
  it("matches the FIPS 180-4 examples", () => {
    expect(toHex(sha256(ascii("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(toHex(sha256(new ArrayBuffer(0)))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(toHex(sha256(ascii(M448)))).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  });

  it("hashes one million 'a'", () => {
    expect(toHex(sha256(repeat(0x61, 1000000)))).toBe("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  });

  it("gives the same digest when fed in uneven pieces", () => {
    const msg = ascii(M896);
    const ctx = new Sha256();
    const p = changetype<usize>(msg);
    ctx.updateAt(p, 1);
    ctx.updateAt(p + 1, 62);
    ctx.updateAt(p + 63, 2);
    ctx.updateAt(p + 65, msg.byteLength - 65);
    expect(toHex(ctx.finish())).toBe(toHex(sha256(msg)));
  });
});

describe("sha512 and sha384", () => {
  it("match the FIPS 180-4 examples", () => {
    expect(toHex(sha512(ascii("abc")))).toBe(
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    );
    expect(toHex(sha512(new ArrayBuffer(0)))).toBe(
      "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e",
    );
    expect(toHex(sha512(ascii(M896)))).toBe(
      "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909",
    );
    expect(toHex(sha384(ascii("abc")))).toBe(
      "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
    );
    expect(toHex(sha384(ascii(M896)))).toBe(
      "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039",
    );
  });

  it("hashes one million 'a'", () => {
    expect(toHex(sha512(repeat(0x61, 1000000)))).toBe(
      "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b",
    );
  });
});
