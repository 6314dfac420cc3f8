// The host's public API: start a plugin, drive streams (or whole exchanges), read what happened.
export { startPlugin, Plugin, PluginStartError, type PendingCallout } from "./plugin.ts";
export type { PluginOptions } from "./options.ts";
export { HttpStream, type DownstreamResponse, type HeadersInput } from "./http-stream.ts";
export { exchange, settle, echoUpstream, downstreamHeaders, type RequestSpec, type ExchangeResult,
  type UpstreamHandler, type UpstreamReply, type UpstreamRequest } from "./exchange.ts";
export { HeaderMap } from "./header-map.ts";
export { encodePairs, decodePairs, type Pair } from "./abi/pairs.ts";
export { moduleProblems } from "./module/module-problems.ts";
export { ENVOY_IMPORTS } from "./abi/envoy-imports.ts";
export { DEFAULT_ROUTES, ROUTE_HEADER, CLUSTER_HEADER, type RouteSpec } from "./router.ts";
export type { LocalReply } from "./context.ts";
export type { LogLine } from "./runtime.ts";
export type { PeerCertificate } from "./properties.ts";
export { WasmResult, MapType, BufferType, StreamType, MetricType } from "./abi/enums.ts";
