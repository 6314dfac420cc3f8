// Cross-checks the AssemblyScript crypto (compiled like a release filter) against Node's crypto
// and BigInt on fresh keys and random inputs: digests and HMAC at every length around the block
// boundaries, base64url, RSAVP1 against modPow (carry edge cases), and RS256/ES256/EdDSA
// signatures made by OpenSSL, accepted as made and rejected when tampered with.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileCryptoWasm, loadCryptoWasm, type CryptoWasm } from "../../bench/crypto/wasm.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
let dir = "";
let w: CryptoWasm;

before(() => {
  dir = mkdtempSync(join(tmpdir(), "crypto-wasm-test-"));
  compileCryptoWasm(ROOT, join(dir, "crypto.wasm"));
  w = loadCryptoWasm(join(dir, "crypto.wasm"));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

test("SHA-256/384/512 and HMAC-SHA256 match Node for every length 0..300", () => {
  for (let len = 0; len <= 300; len++) {
    const data = randomBytes(len);
    const key = randomBytes(len % 100);
    w.setInput(0, data);
    w.setInput(1, key);
    w.digest(0);
    assert.equal(hex(w.output()), createHash("sha256").update(data).digest("hex"), `sha256 len ${len}`);
    w.digest(1);
    assert.equal(hex(w.output()), createHash("sha384").update(data).digest("hex"), `sha384 len ${len}`);
    w.digest(2);
    assert.equal(hex(w.output()), createHash("sha512").update(data).digest("hex"), `sha512 len ${len}`);
    w.digest(3);
    assert.equal(hex(w.output()), createHmac("sha256", key).update(data).digest("hex"), `hmac len ${len}`);
  }
});

test("base64url decoding matches Node on canonical input and refuses what Node would re-spell", () => {
  for (let len = 0; len < 70; len++) {
    const data = randomBytes(len);
    w.setInput(0, Buffer.from(data.toString("base64url")));
    assert.equal(w.digest(4), len);
    assert.equal(hex(w.output()), hex(data));
  }
  for (const bad of ["Zg==", "Zh", "a+b/", "Zm9v\n", "Z", "Zm9vY"]) {
    w.setInput(0, Buffer.from(bad));
    assert.equal(w.digest(4), -1, bad);
  }
});

function rsaRaw(n: bigint, k: number, e: bigint, x: bigint): bigint | null {
  const bytes = (v: bigint, len: number) => Buffer.from(v.toString(16).padStart(2 * len, "0"), "hex");
  w.setInput(1, bytes(x, k));
  w.setInput(2, bytes(n, k));
  w.setInput(3, bytes(e, 3));
  if (w.rsaRaw() < 0) return null;
  return BigInt("0x" + hex(w.output()));
}

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  for (; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
}

test("RSAVP1 equals BigInt modPow, including limb-boundary values", () => {
  for (const bits of [2048, 3072]) {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: bits });
    const n = BigInt("0x" + Buffer.from(publicKey.export({ format: "jwk" }).n!, "base64url").toString("hex"));
    const k = bits / 8;
    const edge = [0n, 1n, 2n, n - 1n, n - 2n, (1n << BigInt(bits - 1)) - 1n, n >> 1n, ((1n << BigInt(bits)) - 1n) % n];
    const random = Array.from({ length: 6 }, () => BigInt("0x" + randomBytes(k).toString("hex")) % n);
    for (const x of [...edge, ...random]) {
      for (const e of [3n, 65537n]) assert.equal(rsaRaw(n, k, e, x), modPow(x, e, n), `x=${x.toString(16)} e=${e}`);
    }
    assert.equal(rsaRaw(n, k, 65537n, n), null, "x = n is refused");
  }
});

test("RS256/384/512 signatures from OpenSSL verify, tampered ones do not", () => {
  for (const [bits, hash, alg] of [[2048, "sha256", 0], [2048, "sha384", 1], [3072, "sha512", 2], [4096, "sha256", 0]] as const) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: bits });
    const jwk = publicKey.export({ format: "jwk" });
    const msg = randomBytes(100);
    const sig = sign(hash, msg, privateKey);
    [msg, sig, Buffer.from(jwk.n!, "base64url"), Buffer.from(jwk.e!, "base64url")].forEach((b, i) => w.setInput(i, b));
    assert.equal(w.rsaVerify(alg, 1), 1, `${bits} ${hash}`);
    for (let t = 0; t < 5; t++) {
      const bad = Buffer.from(sig);
      bad[Math.floor(Math.random() * bad.length)] ^= 1 << t;
      w.setInput(1, bad);
      assert.equal(w.rsaVerify(alg, 1), 0);
    }
  }
});

test("ES256 signatures from OpenSSL verify, tampered ones do not", () => {
  for (let i = 0; i < 15; i++) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    const msg = randomBytes(i * 7);
    const sig = sign("sha256", msg, { key: privateKey, dsaEncoding: "ieee-p1363" });
    [msg, sig, Buffer.from(jwk.x!, "base64url"), Buffer.from(jwk.y!, "base64url")].forEach((b, j) => w.setInput(j, b));
    assert.equal(w.ecdsaVerify(1), 1);
    const bad = Buffer.from(sig);
    bad[i * 4] ^= 0x10;
    w.setInput(1, bad);
    assert.equal(w.ecdsaVerify(1), 0);
  }
});

test("Ed25519 signatures from OpenSSL verify, tampered ones do not", () => {
  for (let i = 0; i < 15; i++) {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const msg = randomBytes(i * 9);
    const sig = sign(null, msg, privateKey);
    [msg, sig, Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url")].forEach((b, j) => w.setInput(j, b));
    assert.equal(w.edVerify(1), 1);
    const bad = Buffer.from(sig);
    bad[i * 4] ^= 0x04;
    w.setInput(1, bad);
    assert.equal(w.edVerify(1), 0);
  }
});
