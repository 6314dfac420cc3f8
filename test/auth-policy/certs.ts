// Test certificates made with the `openssl` CLI in a temp dir: a CA, and leaf certificates
// with SPIFFE URI SANs (the identity auth-policy reads from connection.uri_san_peer_certificate).
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Cert { cert: string; key: string; }
export interface TestPki { dir: string; ca: Cert; leaf(name: string, sans: string[]): Cert; }

function openssl(args: string[], cwd: string): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

export function makePki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), "wasmesh-pki-"));
  const ca = { cert: join(dir, "ca.crt"), key: join(dir, "ca.key") };
  openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", ca.key,
    "-out", ca.cert, "-subj", "/CN=wasmesh test CA", "-days", "2",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], dir);
  return {
    dir, ca,
    leaf(name, sans) {
      const cert = join(dir, `${name}.crt`), key = join(dir, `${name}.key`), csr = join(dir, `${name}.csr`);
      const ext = join(dir, `${name}.ext`);
      writeFileSync(ext, [`subjectAltName=${sans.join(",")}`, "basicConstraints=critical,CA:FALSE",
        "keyUsage=critical,digitalSignature", "extendedKeyUsage=serverAuth,clientAuth"].join("\n") + "\n");
      openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key,
        "-out", csr, "-subj", `/CN=${name}`], dir);
      openssl(["x509", "-req", "-in", csr, "-CA", ca.cert, "-CAkey", ca.key, "-CAcreateserial", "-out", cert,
        "-days", "2", "-extfile", ext], dir);
      return { cert, key };
    },
  };
}
