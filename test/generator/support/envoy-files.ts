// What `envoy --mode validate` needs on disk for a generated bootstrap: the wasm files and the
// certificates it names. Golden bootstraps name them under /etc/wasmesh/ (as in the compose
// mesh); tests move that prefix into a temporary folder holding real files.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../../support/paths.ts";

export const GOLDEN_PREFIX = "/etc/wasmesh/";
export const GOLDEN_OPTIONS = { wasmDir: "/etc/wasmesh/wasm", certDir: "/etc/wasmesh/certs" };
const FILTERS = ["auth-policy", "route-match", "access-log"];

export interface EnvoyFiles {
  root: string;
  /** Filters validated with the noop module because build/<filter>.wasm is missing (or not asked for). */
  standIns: string[];
}

/**
 * Builds <root>/wasm and <root>/certs. Every filter with a release build (build/<filter>.wasm,
 * `node scripts/build-filters.mjs`) is the real one, so Envoy also runs its on_configure on the
 * generated JSON; a filter not built yet (or all, with WASMESH_STANDIN_FILTERS=1) is the noop
 * module, which checks the Envoy side of the bootstrap only.
 */
export function makeEnvoyFiles(options: { standIns?: boolean } = {}): EnvoyFiles {
  const root = mkdtempSync(join(tmpdir(), "wasmesh-golden-"));
  mkdirSync(join(root, "wasm"));
  mkdirSync(join(root, "certs"));
  const real = !options.standIns && process.env.WASMESH_STANDIN_FILTERS !== "1";
  const standIns: string[] = [];
  for (const f of FILTERS) {
    const built = join(projectRoot, "build", `${f}.wasm`);
    if (real && existsSync(built)) copyFileSync(built, join(root, "wasm", `${f}.wasm`));
    else {
      copyFileSync(join(projectRoot, "build", "noop.wasm"), join(root, "wasm", `${f}.wasm`));
      standIns.push(f);
    }
  }
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
    "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=wasmesh-test",
    "-addext", "subjectAltName=URI:spiffe://mesh.local/ns/test/sa/test"], { cwd: join(root, "certs"), stdio: "ignore" });
  return { root, standIns };
}

/** Rewrites the golden prefix to the temporary root and creates every certificate file named. */
export function localize(text: string, files: EnvoyFiles): string {
  const out = text.split(GOLDEN_PREFIX).join(`${files.root}/`);
  for (const m of out.matchAll(/filename: (\S+)/g)) {
    const file = m[1];
    if (!file.startsWith(join(files.root, "certs")) || existsSync(file)) continue;
    copyFileSync(join(files.root, "certs", file.endsWith(".key") ? "key.pem" : "cert.pem"), file);
  }
  return out;
}
