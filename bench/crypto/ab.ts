// A/B of the crypto code of two source trees (e.g. a copy of main and this one), interleaved in
// one process: RS256 / ES256 / EdDSA verification, median CPU (user) µs per verify over rounds
// that alternate A and B, so both see the same load on a shared machine.
// Usage: node --import tsx bench/crypto/ab.ts <rootA> <rootB> [rounds]   (each root holds filters/ and node_modules)
import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir, loadavg } from "node:os";
import { join } from "node:path";
import { compileCryptoWasm, loadCryptoWasm, type CryptoWasm } from "./wasm.ts";

const [rootA, rootB, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 0) || 9;
const MESSAGE = Buffer.from("eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoiYWxpY2UifQ");
const dir = mkdtempSync(join(tmpdir(), "crypto-ab-"));
const wasms = [rootA, rootB].map((root, i) => {
  const out = join(dir, `${i}.wasm`);
  compileCryptoWasm(root, out);
  return loadCryptoWasm(out);
});
rmSync(dir, { recursive: true, force: true });

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
const ed = generateKeyPairSync("ed25519");
const b = (s: string | undefined) => Buffer.from(s!, "base64url");
const cases: [string, Buffer[], (w: CryptoWasm, n: number) => number, number][] = [
  ["RS256", [MESSAGE, sign("sha256", MESSAGE, rsa.privateKey), b(rsa.publicKey.export({ format: "jwk" }).n), b(rsa.publicKey.export({ format: "jwk" }).e)],
    (w, n) => w.rsaVerify(0, n), 300],
  ["ES256", [MESSAGE, sign("sha256", MESSAGE, { key: ec.privateKey, dsaEncoding: "ieee-p1363" }), b(ec.publicKey.export({ format: "jwk" }).x), b(ec.publicKey.export({ format: "jwk" }).y)],
    (w, n) => w.ecdsaVerify(n), 60],
  ["EdDSA", [MESSAGE, sign(null, MESSAGE, ed.privateKey), b(ed.publicKey.export({ format: "jwk" }).x)], (w, n) => w.edVerify(n), 60],
];
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
console.log(`load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
for (const [name, inputs, run, batch] of cases) {
  const samples: number[][] = [[], []];
  for (const w of wasms) {
    inputs.forEach((x, i) => w.setInput(i, x));
    if (run(w, batch) !== batch) throw new Error(`${name}: verification failed`);
  }
  for (let r = 0; r < rounds; r++) {
    for (const i of [0, 1]) {
      inputs.forEach((x, j) => wasms[i].setInput(j, x));
      const start = process.cpuUsage();
      run(wasms[i], batch);
      samples[i].push(process.cpuUsage(start).user / batch);
    }
  }
  const [a, bb] = samples.map(median);
  console.log(`${name.padEnd(6)} A ${a.toFixed(1)} µs  B ${bb.toFixed(1)} µs  (${(((bb - a) / a) * 100).toFixed(1)}%)`);
}
console.log(`load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
