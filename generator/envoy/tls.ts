// mTLS with SPIFFE identities: the workload's certificate, the mesh CA, and URI SAN checks.
import type { ClusterPlan, TlsFiles } from "../plan/index.ts";
import { maybeShared, type SharedParts } from "./shared-parts.ts";
import { TYPES, type EnvoyObject } from "./types.ts";

function certificates(files: TlsFiles): EnvoyObject[] {
  return [{ certificate_chain: { filename: files.certFile }, private_key: { filename: files.keyFile } }];
}

/** Inbound: a client certificate from the mesh CA whose URI SAN is in the trust domain. */
export function downstreamTls(files: TlsFiles & { trustDomain: string }): EnvoyObject {
  return {
    name: "envoy.transport_sockets.tls",
    typed_config: {
      "@type": TYPES.downstreamTls,
      require_client_certificate: true,
      common_tls_context: {
        tls_params: { tls_minimum_protocol_version: "TLSv1_2" },
        tls_certificates: certificates(files),
        validation_context: {
          trusted_ca: { filename: files.caFile },
          match_typed_subject_alt_names: [{ san_type: "URI", matcher: { prefix: `spiffe://${files.trustDomain}/` } }],
        },
      },
    },
  };
}

/** Outbound to a mesh sidecar: present our certificate, accept only the service's identities. */
export function upstreamTls(mtls: NonNullable<ClusterPlan["mtls"]>, parts?: SharedParts): EnvoyObject {
  const peers = JSON.stringify(mtls.peerIds);
  return maybeShared(parts, `upstream-tls ${JSON.stringify([mtls.certFile, mtls.keyFile, mtls.caFile])} ${peers}`, () => ({
    name: "envoy.transport_sockets.tls",
    typed_config: {
      "@type": TYPES.upstreamTls,
      common_tls_context: {
        tls_params: { tls_minimum_protocol_version: "TLSv1_2" },
        tls_certificates: maybeShared(parts, `certificates ${JSON.stringify([mtls.certFile, mtls.keyFile])}`, () => certificates(mtls)),
        validation_context: maybeShared(parts, `peers ${JSON.stringify(mtls.caFile)} ${peers}`, () => ({
          trusted_ca: { filename: mtls.caFile },
          match_typed_subject_alt_names: mtls.peerIds.map((id) => ({ san_type: "URI", matcher: { exact: id } })),
        })),
      },
    },
  }));
}
