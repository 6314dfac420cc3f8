// Fills a LogRecord from Envoy in on_log. Header-derived fields (method, path, ids, trace
// headers) come from the request-header copy Envoy hands to on_log; the rest from properties,
// fetched only when the configuration needs them (`needs` is a mask of field bits). String
// properties stay in the blocks the host returned (record/host-bytes.ts).
import { MapType } from "../../common/abi/enums";
import * as si from "../../common/abi/stream-info";
import { utf8 } from "../../common/bytes";
import { LogRecord } from "./record";
import { F, needBit } from "./fields";

/** proxy_set_property key of auth-policy's decision (AUTH_DECISION_PROPERTY in the plan). */
export const AUTH_DECISION = utf8("wasmesh.auth");

@inline function wants(needs: u32, f: i32): bool {
  return (needs & needBit(f)) != 0;
}

/** What filters, sampling and metrics need on every request (headers and flags only when asked). */
export function collectEssentials(rec: LogRecord): void {
  rec.code = si.propertyI64(si.RESPONSE_CODE, 0);
  rec.durationNanos = si.propertyI64(si.REQUEST_DURATION, -1);
  rec.route.fromProperty(si.XDS_ROUTE_NAME);
  rec.auth.fromProperty(AUTH_DECISION);
}

export function collectRequestHeaders(rec: LogRecord): void {
  rec.request.fromHost(MapType.RequestHeaders);
}

export function collectFlags(rec: LogRecord): void {
  rec.flags = <u64>si.propertyI64(si.RESPONSE_FLAGS, 0);
  rec.flagsKnown = true;
}

/** The rest, for a record that will be written. */
export function collectDetails(rec: LogRecord, needs: u32, responseHeaders: bool): void {
  if (responseHeaders) rec.response.fromHost(MapType.ResponseHeaders);
  if (wants(needs, F.ResponseFlags) && !rec.flagsKnown) collectFlags(rec);
  if (wants(needs, F.StartTime)) rec.startNanos = si.propertyI64(si.REQUEST_TIME, -1);
  if (wants(needs, F.UpstreamDuration)) rec.upstreamNanos = si.propertyI64(si.RESPONSE_BACKEND_LATENCY, -1);
  if (wants(needs, F.BytesReceived)) rec.bytesReceived = si.propertyI64(si.REQUEST_SIZE, -1);
  if (wants(needs, F.BytesSent)) rec.bytesSent = si.propertyI64(si.RESPONSE_SIZE, -1);
  if (wants(needs, F.Protocol)) rec.protocol.fromProperty(si.REQUEST_PROTOCOL);
  if (wants(needs, F.UpstreamHost)) rec.upstreamHost.fromProperty(si.UPSTREAM_ADDRESS);
  if (wants(needs, F.UpstreamCluster)) rec.upstreamCluster.fromProperty(si.XDS_CLUSTER_NAME);
  if (wants(needs, F.Peer)) rec.peer.fromProperty(si.CONNECTION_PEER_URI_SAN);
  if (wants(needs, F.SourceAddress)) rec.source.fromProperty(si.SOURCE_ADDRESS);
  if (wants(needs, F.DownstreamLocalAddress)) rec.destination.fromProperty(si.DESTINATION_ADDRESS);
  if (wants(needs, F.ResponseCodeDetails)) rec.codeDetails.fromProperty(si.RESPONSE_CODE_DETAILS);
  if (wants(needs, F.UpstreamLocalAddress)) rec.upstreamLocal.fromProperty(si.UPSTREAM_LOCAL_ADDRESS);
  if (wants(needs, F.RequestedServerName)) rec.serverName.fromProperty(si.CONNECTION_REQUESTED_SERVER_NAME);
  if (wants(needs, F.ConnectionTerminationDetails)) rec.terminationDetails.fromProperty(si.CONNECTION_TERMINATION_DETAILS);
  if (wants(needs, F.UpstreamTransportFailureReason)) rec.upstreamFailure.fromProperty(si.UPSTREAM_TRANSPORT_FAILURE_REASON);
}
