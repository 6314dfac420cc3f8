// Builds and loads the crypto wasm harness (filters/common/crypto/__tests__/wasm-harness.ts) in
// Node, with a minimal WASI stub.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface CryptoWasm {
  setInput(i: number, bytes: Uint8Array): void;
  output(): Uint8Array;
  digest(kind: number): number;
  rsaVerify(hash: number, times: number): number;
  rsaRaw(): number;
  ecdsaVerify(times: number): number;
  edVerify(times: number): number;
}

/** Compiles filters/common/crypto/__tests__/wasm-harness.ts like a release filter (-O3, noAssert) to `outFile`. */
export function compileCryptoWasm(root: string, outFile: string): void {
  // The project's asc directly: `npx` here would be the npm 6 that @as-pect/cli installs.
  execFileSync(join(root, "node_modules", ".bin", "asc"),
    ["filters/common/crypto/__tests__/wasm-harness.ts", "--config", "asconfig.json", "--target", "noop", "-o", outFile],
    { cwd: root, stdio: ["ignore", "ignore", "inherit"], timeout: 180_000 });
}

export function loadCryptoWasm(path: string): CryptoWasm {
  let memory: WebAssembly.Memory | undefined;
  const wasi = {
    fd_write: () => 0,
    proc_exit: (code: number) => {
      throw new Error(`wasm exited with ${code}`);
    },
  };
  const module = new WebAssembly.Module(readFileSync(path));
  const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi });
  const ex = instance.exports as Record<string, any>;
  memory = ex.memory as WebAssembly.Memory;
  if (typeof ex._start === "function") ex._start();
  const mem = () => new Uint8Array(memory!.buffer);
  return {
    setInput(i, bytes) {
      const p = ex.setInput(i, bytes.length) >>> 0;
      mem().set(bytes, p);
    },
    output() {
      const p = ex.outputPtr() >>> 0;
      return mem().slice(p, p + ex.outputLen());
    },
    digest: (k) => ex.digest(k),
    rsaVerify: (h, t) => ex.rsaVerify(h, t),
    rsaRaw: () => ex.rsaRaw(),
    ecdsaVerify: (t) => ex.ecdsaVerify(t),
    edVerify: (t) => ex.edVerify(t),
  };
}
