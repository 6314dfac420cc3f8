// A throwaway CA, a server certificate for 127.0.0.1 and a client certificate whose URI SAN is
// a SPIFFE id, made with the openssl CLI for the mTLS test.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestCerts { dir: string; ca: string; serverCert: string; serverKey: string; clientCert: Buffer; clientKey: Buffer }

function openssl(dir: string, args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
}

function issue(dir: string, name: string, subject: string, ext: string): void {
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(dir, ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${name}.key`,
    "-subj", subject, "-out", `${name}.csr`]);
  openssl(dir, ["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
    "-days", "2", "-extfile", `${name}.ext`, "-out", `${name}.crt`]);
}

export function makeCerts(spiffeId: string): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), "wasmesh-al-certs-"));
  openssl(dir, ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key",
    "-subj", "/CN=test-ca", "-days", "2", "-out", "ca.crt"]);
  issue(dir, "server", "/CN=server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
  issue(dir, "client", "/CN=client", `subjectAltName=URI:${spiffeId}\nextendedKeyUsage=clientAuth\n`);
  return {
    dir, ca: join(dir, "ca.crt"), serverCert: join(dir, "server.crt"), serverKey: join(dir, "server.key"),
    clientCert: readFileSync(join(dir, "client.crt")), clientKey: readFileSync(join(dir, "client.key")),
  };
}
