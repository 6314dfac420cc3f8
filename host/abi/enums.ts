// Numeric values of the proxy-wasm 0.2.1 enumerations as Envoy uses them
// (../shared/reference/proxy-wasm-envoy.md §1.1).

export const WasmResult = {
  Ok: 0, NotFound: 1, BadArgument: 2, SerializationFailure: 3, ParseFailure: 4,
  InvalidMemoryAccess: 6, Empty: 7, CasMismatch: 8, InternalFailure: 10, BrokenConnection: 11,
  Unimplemented: 12,
} as const;

export const MapType = {
  RequestHeaders: 0, RequestTrailers: 1, ResponseHeaders: 2, ResponseTrailers: 3,
  GrpcInitialMetadata: 4, GrpcTrailingMetadata: 5, HttpCallResponseHeaders: 6, HttpCallResponseTrailers: 7,
} as const;

export const BufferType = {
  RequestBody: 0, ResponseBody: 1, DownstreamData: 2, UpstreamData: 3, HttpCallResponseBody: 4,
  GrpcMessage: 5, VmConfiguration: 6, PluginConfiguration: 7, ForeignFunctionArguments: 8,
} as const;

export const StreamType = { Request: 0, Response: 1, Downstream: 2, Upstream: 3 } as const;

export const MetricType = { Counter: 0, Gauge: 1, Histogram: 2 } as const;

export const LogLevel = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, critical: 5, off: 6 } as const;
export type LogLevelName = keyof typeof LogLevel;
export const LOG_LEVEL_NAMES: LogLevelName[] = ["trace", "debug", "info", "warn", "error", "critical", "off"];

/** What the filter chain does after a headers callback, after Envoy's conversion (§2.4). */
export type HeadersAction = "continue" | "stop-all-watermark" | "stop-all-buffer" | "stop-iteration";
/** What the filter chain does after a body callback, after Envoy's conversion (§2.4). */
export type DataAction = "continue" | "stop-buffer" | "stop-watermark" | "stop-no-buffer";
export type TrailersAction = "continue" | "stop-iteration";

/** Envoy's convertFilterHeadersStatus: 1 is stop-all unless allow_on_headers_stop_iteration. */
export function headersAction(status: number, allowStopIteration: boolean): HeadersAction {
  if (status === 0 || status === 2) return "continue";
  if (status === 1) return allowStopIteration ? "stop-iteration" : "stop-all-watermark";
  if (status === 3) return "stop-all-buffer";
  return "stop-all-watermark";
}

export function dataAction(status: number): DataAction {
  if (status === 0) return "continue";
  if (status === 1) return "stop-buffer";
  if (status === 2) return "stop-watermark";
  return "stop-no-buffer";
}

export function trailersAction(status: number): TrailersAction {
  return status === 0 ? "continue" : "stop-iteration";
}

export const WASI = { SUCCESS: 0, BADF: 8, NOTDIR: 20, FAULT: 21, INVAL: 28, NOENT: 44, NOSYS: 52, NOTSUP: 58 } as const;
