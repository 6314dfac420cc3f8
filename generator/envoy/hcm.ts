// The HTTP connection manager of every listener: path normalization so routing, auth-policy and
// the app see one path, request ids, and the filter chain from the one table.
import type { ListenerPlan } from "../plan/index.ts";
import { httpFilters, stripInternalHeaders } from "./http-filters.ts";
import { routeConfig } from "./routes.ts";
import { requestIdFields } from "./tracing.ts";
import type { SharedParts } from "./shared-parts.ts";
import { TYPES, type EnvoyObject } from "./types.ts";

export function connectionManager(listener: ListenerPlan, wasmDir: string, parts?: SharedParts): EnvoyObject {
  return {
    name: "envoy.filters.network.http_connection_manager",
    typed_config: {
      "@type": TYPES.hcm,
      stat_prefix: listener.name.replace(/\|/g, "_"),
      codec_type: "AUTO",
      // RFC 3986 dot segments and duplicate slashes are resolved before any filter sees the path.
      normalize_path: true,
      merge_slashes: true,
      // %2F / %5C: a path the sidecar cannot judge the way the app will (CVE-2021-29492). Mesh
      // clients are programs (gRPC among them) that do not follow redirects, so the request is
      // refused with 400 instead of UNESCAPE_AND_REDIRECT; auth-policy refuses them too.
      path_with_escaped_slashes_action: "REJECT_REQUEST",
      // `x_user` and `x-user` must not be two spellings of one header to the app.
      common_http_protocol_options: { headers_with_underscores_action: "REJECT_REQUEST" },
      // This sidecar is the trust boundary: the peer's address is the client address, and
      // x-envoy-* headers from outside are not trusted.
      use_remote_address: true,
      xff_num_trusted_hops: 0,
      ...requestIdFields(),
      early_header_mutation_extensions: [stripInternalHeaders()],
      route_config: routeConfig(listener, parts),
      http_filters: httpFilters(listener, wasmDir, parts),
    },
  };
}
