// The unescaped bytes of one field or header of a record, redacted as configured. Callers
// escape them for their format (JSON string, text line, OTLP attribute).
import { HeaderIndex } from "../record/header-index";
import { LogRecord } from "../record/record";
import { HostBytes } from "../record/host-bytes";
import { F } from "../record/fields";
import { writeTraceId } from "../record/trace";
import { Redactor, HeaderRef } from "../redact/redactor";
import { ByteWriter } from "./writer";
import { writeTimestamp } from "./time";
import { writeResponseFlags } from "./flags";

/** The request headers behind fixed fields, with their redaction kinds (configure time). */
export class FixedHeaders {
  method: HeaderRef; authority: HeaderRef; path: HeaderRef; requestId: HeaderRef;
  traceparent: HeaderRef; userAgent: HeaderRef;

  constructor(r: Redactor) {
    this.method = r.ref(":method");
    this.authority = r.ref(":authority");
    this.path = r.ref(":path");
    this.requestId = r.ref("x-request-id");
    this.traceparent = r.ref("traceparent");
    this.userAgent = r.ref("user-agent");
  }
}

/** Writes the first value of header `ref` (redacted); false when absent. */
@inline export function writeHeader(w: ByteWriter, headers: HeaderIndex, ref: HeaderRef, r: Redactor): bool {
  const i = headers.indexOf(ref.name);
  if (i < 0) return false;
  r.writeValue(w, ref, headers.valuePtr(i), headers.valueLen(i));
  return true;
}

@inline function bytesOrAbsent(w: ByteWriter, b: HostBytes): bool {
  if (!b.present) return false;
  w.raw(b.ptr, b.len);
  return true;
}

@inline function millis(w: ByteWriter, nanos: i64): bool {
  if (nanos < 0) return false;
  w.uint(<u64>(nanos / 1_000_000));
  return true;
}

@inline function count(w: ByteWriter, n: i64): bool {
  if (n < 0) return false;
  w.uint(<u64>n);
  return true;
}

/** Writes field `f` of `rec`; false (nothing written) when Envoy did not know it. */
export function writeField(w: ByteWriter, rec: LogRecord, f: i32, r: Redactor, h: FixedHeaders): bool {
  switch (f) {
    case F.StartTime: if (rec.startNanos < 0) return false; writeTimestamp(w, rec.startNanos); return true;
    case F.Method: return writeHeader(w, rec.request, h.method, r);
    case F.Authority: return writeHeader(w, rec.request, h.authority, r);
    case F.Path: return writeHeader(w, rec.request, h.path, r);
    case F.Protocol: return bytesOrAbsent(w, rec.protocol);
    case F.ResponseCode: w.int(rec.code); return true;
    case F.ResponseFlags: writeResponseFlags(w, rec.flags); return true;
    case F.BytesReceived: return count(w, rec.bytesReceived);
    case F.BytesSent: return count(w, rec.bytesSent);
    case F.Duration: return millis(w, rec.durationNanos);
    case F.UpstreamDuration: return millis(w, rec.upstreamNanos);
    case F.UpstreamHost: return bytesOrAbsent(w, rec.upstreamHost);
    case F.UpstreamCluster: return bytesOrAbsent(w, rec.upstreamCluster);
    case F.Route: return bytesOrAbsent(w, rec.route);
    case F.RequestId: return writeHeader(w, rec.request, h.requestId, r);
    case F.Traceparent: return writeHeader(w, rec.request, h.traceparent, r);
    case F.TraceId: return writeTraceId(w, rec.request);
    case F.UserAgent: return writeHeader(w, rec.request, h.userAgent, r);
    case F.Peer: return bytesOrAbsent(w, rec.peer);
    case F.AuthDecision: return bytesOrAbsent(w, rec.auth);
    case F.SourceAddress: return bytesOrAbsent(w, rec.source);
    case F.ResponseCodeDetails: return bytesOrAbsent(w, rec.codeDetails);
    case F.DownstreamLocalAddress: return bytesOrAbsent(w, rec.destination);
    case F.UpstreamLocalAddress: return bytesOrAbsent(w, rec.upstreamLocal);
    case F.RequestedServerName: return bytesOrAbsent(w, rec.serverName);
    case F.ConnectionTerminationDetails: return bytesOrAbsent(w, rec.terminationDetails);
    case F.UpstreamTransportFailureReason: return bytesOrAbsent(w, rec.upstreamFailure);
  }
  return false;
}
