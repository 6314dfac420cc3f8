// Envoy-compatible %OPERATOR% templates, parsed once at configure time into segments.
// Supported: %START_TIME%, %REQ(H)%, %REQ(H1?H2)%, %RESP(H)% (each with an optional :N length
// limit), %RESPONSE_CODE%, %RESPONSE_FLAGS%, %RESPONSE_CODE_DETAILS%, %BYTES_RECEIVED%,
// %BYTES_SENT%, %DURATION%, %RESPONSE_DURATION%, %UPSTREAM_HOST%, %UPSTREAM_CLUSTER%,
// %UPSTREAM_CLUSTER_RAW%, %ROUTE_NAME%, %PROTOCOL%, %DOWNSTREAM_REMOTE_ADDRESS%,
// %DOWNSTREAM_LOCAL_ADDRESS%, %UPSTREAM_LOCAL_ADDRESS%, %REQUESTED_SERVER_NAME%,
// %CONNECTION_TERMINATION_DETAILS%, %UPSTREAM_TRANSPORT_FAILURE_REASON%, plus the wasmesh
// additions %TRACE_ID%, %PEER%, %AUTH_DECISION%. Anything else is a configuration error.
import { F } from "../record/fields";
import { HeaderRef } from "../redact/redactor";
import { utf8Lower } from "../redact/lower";
import { encodeUtf8 } from "../../common/encoding/utf8";

export enum SegmentKind { Literal, Field, RequestHeader, ResponseHeader }

export class Segment {
  /** Header segments: the header and its alternative with their redaction, set by config.ts. */
  ref: HeaderRef | null = null;
  altRef: HeaderRef | null = null;

  constructor(
    readonly kind: SegmentKind,
    /** Literal bytes, or the lower-case header name. */
    readonly bytes: ArrayBuffer,
    readonly field: i32 = -1,
    /** %REQ(A?B)%: the header used when A is absent. */
    readonly alternative: ArrayBuffer | null = null,
    /** :N truncation; -1 for none. */
    readonly maxLength: i32 = -1,
  ) {}
}

const OPERATORS: string[] = [
  "START_TIME", "RESPONSE_CODE", "RESPONSE_FLAGS", "RESPONSE_CODE_DETAILS", "BYTES_RECEIVED",
  "BYTES_SENT", "DURATION", "RESPONSE_DURATION", "UPSTREAM_HOST", "UPSTREAM_CLUSTER",
  "UPSTREAM_CLUSTER_RAW", "ROUTE_NAME", "PROTOCOL", "DOWNSTREAM_REMOTE_ADDRESS",
  "DOWNSTREAM_LOCAL_ADDRESS", "UPSTREAM_LOCAL_ADDRESS", "REQUESTED_SERVER_NAME",
  "CONNECTION_TERMINATION_DETAILS", "UPSTREAM_TRANSPORT_FAILURE_REASON", "TRACE_ID", "PEER",
  "AUTH_DECISION",
];
const OPERATOR_FIELDS: i32[] = [
  F.StartTime, F.ResponseCode, F.ResponseFlags, F.ResponseCodeDetails, F.BytesReceived,
  F.BytesSent, F.Duration, F.UpstreamDuration, F.UpstreamHost, F.UpstreamCluster,
  F.UpstreamCluster, F.Route, F.Protocol, F.SourceAddress,
  F.DownstreamLocalAddress, F.UpstreamLocalAddress, F.RequestedServerName,
  F.ConnectionTerminationDetails, F.UpstreamTransportFailureReason, F.TraceId, F.Peer,
  F.AuthDecision,
];

/** Istio's default access-log line (the `format: text` preset when no template is given). */
export const ISTIO_TEMPLATE =
  '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE% ' +
  '%RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% ' +
  '"%UPSTREAM_TRANSPORT_FAILURE_REASON%" %BYTES_RECEIVED% %BYTES_SENT% %DURATION% ' +
  '%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" ' +
  '"%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW% ' +
  '%UPSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_REMOTE_ADDRESS% ' +
  '%REQUESTED_SERVER_NAME% %ROUTE_NAME%';

function isNameChar(c: i32): bool {
  return (c >= 0x41 && c <= 0x5a) || c == 0x5f;
}

function isHeaderChar(c: i32): bool {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c == 0x2d || c == 0x5f || c == 0x2e || c == 0x3a;
}

function headerName(s: string): ArrayBuffer | null {
  if (s.length == 0 || s.length > 128) return null;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isHeaderChar(c) || (c == 0x3a && i != 0)) return null;
  }
  return utf8Lower(s);
}

/** Parses a template; null when it uses an unknown operator or is malformed. */
export function parseTemplate(t: string): Segment[] | null {
  const out = new Array<Segment>();
  let literal = "";
  let i = 0;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c != 0x25) { literal += String.fromCharCode(c); i++; continue; }
    let j = i + 1;
    while (j < t.length && isNameChar(t.charCodeAt(j))) j++;
    const op = t.substring(i + 1, j);
    let arg: string | null = null;
    if (j < t.length && t.charCodeAt(j) == 0x28) {
      const close = t.indexOf(")", j);
      if (close < 0) return null;
      arg = t.substring(j + 1, close);
      j = close + 1;
    }
    let maxLength = -1;
    if (j < t.length && t.charCodeAt(j) == 0x3a) {
      let k = j + 1, n = 0;
      while (k < t.length && t.charCodeAt(k) >= 0x30 && t.charCodeAt(k) <= 0x39 && n < 100000) { n = n * 10 + t.charCodeAt(k) - 0x30; k++; }
      if (k == j + 1) return null;
      maxLength = n;
      j = k;
    }
    if (j >= t.length || t.charCodeAt(j) != 0x25) return null;
    const segment = operator(op, arg, maxLength);
    if (segment === null) return null;
    if (literal.length > 0) { out.push(new Segment(SegmentKind.Literal, encodeUtf8(literal))); literal = ""; }
    out.push(segment);
    i = j + 1;
  }
  if (literal.length > 0) out.push(new Segment(SegmentKind.Literal, encodeUtf8(literal)));
  return out;
}

function operator(op: string, arg: string | null, maxLength: i32): Segment | null {
  if (op == "REQ" || op == "RESP") {
    if (arg === null) return null;
    const q = arg.indexOf("?");
    const main = headerName(q < 0 ? arg : arg.substring(0, q));
    const alt: ArrayBuffer | null = q < 0 ? null : headerName(arg.substring(q + 1));
    if (main === null || (q >= 0 && alt === null)) return null;
    return new Segment(op == "REQ" ? SegmentKind.RequestHeader : SegmentKind.ResponseHeader, main, -1, alt, maxLength);
  }
  if (arg !== null) return null;
  const k = OPERATORS.indexOf(op);
  if (k < 0) return null;
  return new Segment(SegmentKind.Field, new ArrayBuffer(0), OPERATOR_FIELDS[k], null, maxLength);
}
