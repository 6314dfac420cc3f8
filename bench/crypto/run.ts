// Crypto benchmark: RS256, ES256 and EdDSA verification in our AssemblyScript code (compiled
// like a release filter, run in Node's V8 as Envoy runs it), next to native OpenSSL
// (`openssl speed` and Node's crypto). Writes bench/results/crypto.json.
// Run: node --import tsx bench/crypto/run.ts        (about 25 s of CPU; bounded)
import { execFileSync } from "node:child_process";
import { generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileCryptoWasm, loadCryptoWasm, type CryptoWasm } from "./wasm.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const RS256_TARGET_RATIO = 6;
const MESSAGE = Buffer.from(
  "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIiwic3ViIjoiYWxpY2UiLCJleHAiOjQxMDI0NDQ4MDB9",
);

function compile(): string {
  const dir = mkdtempSync(join(tmpdir(), "crypto-bench-"));
  const out = join(dir, "crypto.wasm");
  compileCryptoWasm(ROOT, out);
  return out;
}

/**
 * Median CPU microseconds (user time, as `openssl speed` counts by default) per call of
 * `run(batch)` over `rounds` rounds after a warm-up: CPU time, not wall time, so that other
 * processes on a shared machine do not inflate one side of the comparison.
 */
function timeUs(run: (n: number) => number, batch: number, rounds = 5): number {
  if (run(batch) !== batch) throw new Error("verification failed during the benchmark");
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.cpuUsage();
    run(batch);
    samples.push(process.cpuUsage(start).user / batch);
  }
  samples.sort((x, y) => x - y);
  return samples[samples.length >> 1];
}

function nodeVerifyUs(alg: string | null, key: KeyObject, sig: Buffer, opts: object = {}): number {
  return timeUs((n) => {
    let ok = 0;
    for (let i = 0; i < n; i++) ok += verify(alg, MESSAGE, { key, ...opts }, sig) ? 1 : 0;
    return ok;
  }, 1000);
}

/** verify/s of `openssl speed -seconds 1 <alg>` (the last column of the result line). */
function opensslVerifyPerSec(alg: string, linePattern: RegExp): number | null {
  try {
    const out = execFileSync("openssl", ["speed", "-seconds", "1", alg], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 30_000 });
    const line = out.split("\n").find((l) => linePattern.test(l));
    const cols = line?.trim().split(/\s+/) ?? [];
    const v = Number(cols[cols.length - 1]);
    return Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

function setInputs(w: CryptoWasm, inputs: Buffer[]): void {
  inputs.forEach((b, i) => w.setInput(i, b));
}

const wasmFile = compile();
const wasm = loadCryptoWasm(wasmFile);
rmSync(dirname(wasmFile), { recursive: true, force: true });

const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const rsaJwk = rsa.publicKey.export({ format: "jwk" });
const rsaSig = sign("sha256", MESSAGE, rsa.privateKey);
setInputs(wasm, [MESSAGE, rsaSig, Buffer.from(rsaJwk.n!, "base64url"), Buffer.from(rsaJwk.e!, "base64url")]);
const rs256Us = timeUs((n) => wasm.rsaVerify(0, n), 1000);

const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
const ecJwk = ec.publicKey.export({ format: "jwk" });
const ecSig = sign("sha256", MESSAGE, { key: ec.privateKey, dsaEncoding: "ieee-p1363" });
setInputs(wasm, [MESSAGE, ecSig, Buffer.from(ecJwk.x!, "base64url"), Buffer.from(ecJwk.y!, "base64url")]);
const es256Us = timeUs((n) => wasm.ecdsaVerify(n), 150);

const ed = generateKeyPairSync("ed25519");
const edSig = sign(null, MESSAGE, ed.privateKey);
setInputs(wasm, [MESSAGE, edSig, Buffer.from(ed.publicKey.export({ format: "jwk" }).x!, "base64url")]);
const eddsaUs = timeUs((n) => wasm.edVerify(n), 200);

const nodeRs256Us = nodeVerifyUs("sha256", rsa.publicKey, rsaSig);
const nodeEs256Us = nodeVerifyUs("sha256", ec.publicKey, ecSig, { dsaEncoding: "ieee-p1363" });
const nodeEddsaUs = nodeVerifyUs(null, ed.publicKey, edSig);

const opensslRsa = opensslVerifyPerSec("rsa2048", /^rsa\s+2048 bits/);
const opensslEcdsa = opensslVerifyPerSec("ecdsap256", /nistp256\)/);
const opensslEd = opensslVerifyPerSec("ed25519", /Ed25519\)/);

const perSec = (us: number) => Math.round(1e6 / us);
const rs256Ratio = opensslRsa ? rs256Us / (1e6 / opensslRsa) : null;
const result = {
  date: new Date().toISOString(),
  machine: { cpus: execFileSync("nproc", { encoding: "utf8" }).trim(), loadavg: (await import("node:os")).loadavg() },
  note: "wasm = filters/common/crypto/__tests__/wasm-harness.ts built like a release filter (-O3, noAssert) in Node's V8; times are median CPU (user) microseconds per verify; openssl speed counts CPU user time too",
  wasm: {
    rs256_verify_us: +rs256Us.toFixed(1),
    es256_verify_us: +es256Us.toFixed(1),
    eddsa_verify_us: +eddsaUs.toFixed(1),
    rs256_verify_per_s: perSec(rs256Us),
    es256_verify_per_s: perSec(es256Us),
    eddsa_verify_per_s: perSec(eddsaUs),
  },
  node_crypto: {
    rs256_verify_us: +nodeRs256Us.toFixed(1),
    es256_verify_us: +nodeEs256Us.toFixed(1),
    eddsa_verify_us: +nodeEddsaUs.toFixed(1),
  },
  openssl_speed: { rsa2048_verify_per_s: opensslRsa, ecdsap256_verify_per_s: opensslEcdsa, ed25519_verify_per_s: opensslEd },
  rs256_vs_openssl: rs256Ratio === null ? null : +rs256Ratio.toFixed(2),
  rs256_target_ratio: RS256_TARGET_RATIO,
  rs256_within_target: rs256Ratio === null ? null : rs256Ratio <= RS256_TARGET_RATIO,
};
mkdirSync(join(ROOT, "bench/results"), { recursive: true });
writeFileSync(join(ROOT, "bench/results/crypto.json"), JSON.stringify(result, null, 2) + "\n");
console.log(JSON.stringify(result, null, 2));
