// A throwaway certificate authority for the local mesh and one certificate per workload whose
// URI SAN is its SPIFFE id (spiffe://<trust domain>/ns/<namespace>/sa/<service account>), made
// with the openssl CLI. Envoy's mTLS contexts use these; auth-policy reads the peer's URI SAN.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface WorkloadIdentity {
  workload: string;
  spiffeId: string;
}

export interface IssuedCertificate {
  workload: string;
  certFile: string;
  keyFile: string;
}

export interface MeshCertificates {
  caFile: string;
  issued: IssuedCertificate[];
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    if (e.code === "ENOENT") {
      throw new Error("the openssl command is needed to make the mesh's certificates (Debian/Ubuntu: apt-get install openssl)");
    }
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.toString().trim() ?? e.message}`);
  }
}

/** Makes (or reuses) the CA in `dir` and issues a fresh certificate for every identity. */
export function makeMeshCertificates(dir: string, identities: WorkloadIdentity[]): MeshCertificates {
  mkdirSync(dir, { recursive: true });
  const caFile = join(dir, "ca.crt");
  if (!existsSync(caFile) || !existsSync(join(dir, "ca.key"))) {
    openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
      "-keyout", "ca.key", "-out", "ca.crt", "-days", "30", "-subj", "/O=wasmesh/CN=wasmesh local mesh CA",
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], dir);
  }
  const issued = identities.map(({ workload, spiffeId }) => {
    const ext = join(dir, `${workload}.ext`);
    writeFileSync(ext, [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      "extendedKeyUsage=serverAuth,clientAuth",
      `subjectAltName=critical,URI:${spiffeId}`,
    ].join("\n") + "\n");
    openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
      "-keyout", `${workload}.key`, "-out", `${workload}.csr`, "-subj", `/O=wasmesh/CN=${workload}`], dir);
    openssl(["x509", "-req", "-in", `${workload}.csr`, "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
      "-days", "7", "-extfile", `${workload}.ext`, "-out", `${workload}.crt`], dir);
    return { workload, certFile: join(dir, `${workload}.crt`), keyFile: join(dir, `${workload}.key`) };
  });
  return { caFile, issued };
}
