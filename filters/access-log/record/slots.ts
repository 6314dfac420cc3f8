// The Envoy attributes a record reads, one slot each: the CEL name, the proxy_get_property path,
// and the record field it fills. A slot is read on its own (readSlot) or taken from an element
// of a batched CEL list (record/batch.ts); both give the field the same value.
import * as si from "../../common/abi/stream-info";
import { utf8 } from "../../common/bytes";
import { LogRecord } from "./record";
import { HostBytes } from "./host-bytes";

export namespace S {
  // Integers, timestamps and durations (8 bytes LE).
  export const Code = 0;
  export const Duration = 1;
  export const Flags = 2;
  export const StartTime = 3;
  export const UpstreamDuration = 4;
  export const BytesReceived = 5;
  export const BytesSent = 6;
  // Strings.
  export const Route = 7;
  export const Protocol = 8;
  export const UpstreamHost = 9;
  export const UpstreamCluster = 10;
  export const Peer = 11;
  export const Source = 12;
  export const Destination = 13;
  export const CodeDetails = 14;
  export const UpstreamLocal = 15;
  export const ServerName = 16;
  export const TerminationDetails = 17;
  export const UpstreamFailure = 18;
  export const Auth = 19;
  export const COUNT = 20;
}

/** proxy_set_property key of auth-policy's decision (AUTH_DECISION_PROPERTY in the plan). */
export const AUTH_DECISION = utf8("wasmesh.auth");

const CEL_NAMES: string[] = [
  "response.code", "request.duration", "response.flags", "request.time", "response.backend_latency",
  "request.size", "response.size", "xds.route_name", "request.protocol", "upstream.address",
  "xds.cluster_name", "connection.uri_san_peer_certificate", "source.address", "destination.address",
  "response.code_details", "upstream.local_address", "connection.requested_server_name",
  "connection.termination_details", "upstream.transport_failure_reason",
  // Envoy keeps a proxy_set_property value as filter state "wasm.<path>", which CEL reaches
  // through the filter_state map (not as an attribute: `wasmesh.auth` is no name in CEL).
  "filter_state[\"wasm.wasmesh.auth\"]",
];

const PATHS: ArrayBuffer[] = [
  si.RESPONSE_CODE, si.REQUEST_DURATION, si.RESPONSE_FLAGS, si.REQUEST_TIME, si.RESPONSE_BACKEND_LATENCY,
  si.REQUEST_SIZE, si.RESPONSE_SIZE, si.XDS_ROUTE_NAME, si.REQUEST_PROTOCOL, si.UPSTREAM_ADDRESS,
  si.XDS_CLUSTER_NAME, si.CONNECTION_PEER_URI_SAN, si.SOURCE_ADDRESS, si.DESTINATION_ADDRESS,
  si.RESPONSE_CODE_DETAILS, si.UPSTREAM_LOCAL_ADDRESS, si.CONNECTION_REQUESTED_SERVER_NAME,
  si.CONNECTION_TERMINATION_DETAILS, si.UPSTREAM_TRANSPORT_FAILURE_REASON, AUTH_DECISION,
];

@inline export function isIntSlot(s: i32): bool {
  return s < S.Route;
}

/** The field's value when Envoy has none: no response code or flags read as 0, the rest -1. */
@inline export function absentInt(s: i32): i64 {
  return s == S.Code || s == S.Flags ? 0 : -1;
}

/**
 * The slot as a guarded CEL list element. Envoy fails a whole list when one element is absent,
 * so each reads `has(a.b) ? a.b : <absent>`: the field's absent value for numbers, "" for strings
 * (an empty string property counts as unknown either way).
 */
export function celElement(s: i32): string {
  const name = unchecked(CEL_NAMES[s]);
  if (s == S.Auth) return "\"wasm.wasmesh.auth\" in filter_state ? " + name + " : \"\"";
  return "has(" + name + ") ? " + name + " : " + (isIntSlot(s) ? (absentInt(s) == 0 ? "0" : "-1") : "\"\"");
}

export function setInt(rec: LogRecord, s: i32, v: i64): void {
  switch (s) {
    case S.Code: rec.code = v; break;
    case S.Duration: rec.durationNanos = v; break;
    case S.Flags: rec.flags = <u64>v; rec.flagsKnown = true; break;
    case S.StartTime: rec.startNanos = v; break;
    case S.UpstreamDuration: rec.upstreamNanos = v; break;
    case S.BytesReceived: rec.bytesReceived = v; break;
    case S.BytesSent: rec.bytesSent = v; break;
  }
}

export function stringSlot(rec: LogRecord, s: i32): HostBytes {
  switch (s) {
    case S.Route: return rec.route;
    case S.Protocol: return rec.protocol;
    case S.UpstreamHost: return rec.upstreamHost;
    case S.UpstreamCluster: return rec.upstreamCluster;
    case S.Peer: return rec.peer;
    case S.Source: return rec.source;
    case S.Destination: return rec.destination;
    case S.CodeDetails: return rec.codeDetails;
    case S.UpstreamLocal: return rec.upstreamLocal;
    case S.ServerName: return rec.serverName;
    case S.TerminationDetails: return rec.terminationDetails;
    case S.UpstreamFailure: return rec.upstreamFailure;
    default: return rec.auth;
  }
}

/** Reads the slot with its own proxy_get_property call. */
export function readSlot(rec: LogRecord, s: i32): void {
  const path = unchecked(PATHS[s]);
  if (isIntSlot(s)) setInt(rec, s, si.propertyI64(path, absentInt(s)));
  else stringSlot(rec, s).fromProperty(path);
}
