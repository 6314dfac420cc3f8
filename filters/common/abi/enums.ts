// Numeric values of the proxy-wasm 0.2.1 enumerations, as Envoy uses them.

export namespace WasmResult {
  export const Ok: u32 = 0;
  export const NotFound: u32 = 1;
  export const BadArgument: u32 = 2;
  export const Empty: u32 = 7;
}

export namespace LogLevel {
  export const Trace: u32 = 0;
  export const Debug: u32 = 1;
  export const Info: u32 = 2;
  export const Warn: u32 = 3;
  export const Error: u32 = 4;
  export const Critical: u32 = 5;
}

export namespace MapType {
  export const RequestHeaders: u32 = 0;
  export const RequestTrailers: u32 = 1;
  export const ResponseHeaders: u32 = 2;
  export const ResponseTrailers: u32 = 3;
  export const HttpCallResponseHeaders: u32 = 6;
}

export namespace BufferType {
  export const RequestBody: u32 = 0;
  export const ResponseBody: u32 = 1;
  export const HttpCallResponseBody: u32 = 4;
  export const VmConfiguration: u32 = 6;
  export const PluginConfiguration: u32 = 7;
}

export namespace StreamType {
  export const Request: u32 = 0;
  export const Response: u32 = 1;
}

export namespace MetricType {
  export const Counter: u32 = 0;
  export const Gauge: u32 = 1;
  export const Histogram: u32 = 2;
}

/** Return values of on_request_headers / on_response_headers. */
export namespace HeadersStatus {
  export const Continue: u32 = 0;
  /** Envoy maps 1 to StopAllIterationAndWatermark unless allow_on_headers_stop_iteration is set. */
  export const Stop: u32 = 1;
}

export namespace DataStatus {
  export const Continue: u32 = 0;
  export const StopIterationAndBuffer: u32 = 1;
}
