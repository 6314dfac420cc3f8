// The record's fields (generator/plan/filters/access-log.ts `Field`) and the Envoy facts each
// one needs, so on_log asks the host only for what the configured format uses.

export namespace F {
  export const StartTime = 0;
  export const Method = 1;
  export const Authority = 2;
  export const Path = 3;
  export const Protocol = 4;
  export const ResponseCode = 5;
  export const ResponseFlags = 6;
  export const BytesReceived = 7;
  export const BytesSent = 8;
  export const Duration = 9;
  export const UpstreamDuration = 10;
  export const UpstreamHost = 11;
  export const UpstreamCluster = 12;
  export const Route = 13;
  export const RequestId = 14;
  export const Traceparent = 15;
  export const TraceId = 16;
  export const UserAgent = 17;
  export const Peer = 18;
  export const AuthDecision = 19;
  export const SourceAddress = 20;
  // Only reachable from text templates.
  export const ResponseCodeDetails = 21;
  export const DownstreamLocalAddress = 22;
  export const UpstreamLocalAddress = 23;
  export const RequestedServerName = 24;
  export const ConnectionTerminationDetails = 25;
  export const UpstreamTransportFailureReason = 26;
  export const COUNT = 27;
}

export const FIELD_NAMES: string[] = [
  "start_time", "method", "authority", "path", "protocol", "response_code", "response_flags",
  "bytes_received", "bytes_sent", "duration", "upstream_duration", "upstream_host",
  "upstream_cluster", "route", "request_id", "traceparent", "trace_id", "user_agent", "peer",
  "auth_decision", "source_address",
];

/** Fields whose JSON value is an integer (the rest are strings). */
export function isIntField(f: i32): bool {
  return f == F.ResponseCode || f == F.BytesReceived || f == F.BytesSent || f == F.Duration || f == F.UpstreamDuration;
}

export function fieldByName(name: string): i32 {
  return FIELD_NAMES.indexOf(name);
}

/** Bit of a field in a `needs` mask (fields that come from request headers need no property). */
export function needBit(f: i32): u32 {
  return <u32>1 << <u32>f;
}
