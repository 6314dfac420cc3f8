// Names that say where they came from (Istio's cluster naming).
export function outboundCluster(host: string, port: number, subset?: string): string {
  return `outbound|${port}|${subset ?? ""}|${host}`;
}

export function inboundCluster(workload: string, port: number): string {
  return `inbound|${port}||${workload.replace("/", ".")}`;
}

export function isIpAddress(address: string): boolean {
  return /^(\d{1,3}\.){3}\d{1,3}$/.test(address) || (address.includes(":") && /^[0-9a-fA-F:.]+$/.test(address));
}

export function certFiles(certDir: string, workload: string): { certFile: string; keyFile: string; caFile: string } {
  const base = workload.replace("/", ".");
  const dir = certDir.endsWith("/") ? certDir : `${certDir}/`;
  return { certFile: `${dir}${base}.crt`, keyFile: `${dir}${base}.key`, caFile: `${dir}ca.crt` };
}
