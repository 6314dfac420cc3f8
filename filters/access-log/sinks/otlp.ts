// OTLP/HTTP JSON logs (opentelemetry-proto ExportLogsServiceRequest in its JSON mapping):
// resourceLogs → scopeLogs → logRecords, each with body (the formatted line) and one attribute
// per configured field or header. int64 values are JSON strings, trace ids hex, as OTLP/JSON asks.
import { LogRecord } from "../record/record";
import { isIntField } from "../record/fields";
import { writeTraceId } from "../record/trace";
import { AccessLogConfig } from "../config";
import { ByteWriter } from "../format/writer";
import { writeField, writeHeader } from "../format/values";
import { writeEscaped, escapeWritten } from "../format/escape";
import { HeaderIndex } from "../record/header-index";
import { HeaderRef } from "../redact/redactor";
import { encodeUtf8 } from "../../common/encoding/utf8";

const TIME = encodeUtf8('{"timeUnixNano":"');
const BODY = encodeUtf8('","severityNumber":9,"severityText":"INFO","body":{"stringValue":"');
const ATTRIBUTES = encodeUtf8('"},"attributes":[');
const KEY = encodeUtf8('{"key":"');
const STRING_VALUE = encodeUtf8('","value":{"stringValue":"');
const INT_VALUE = encodeUtf8('","value":{"intValue":"');
const CLOSE_ATTRIBUTE = encodeUtf8('"}}');
const TRACE_ID = encodeUtf8('],"traceId":"');

/** The batch envelope around the comma-separated log records. */
export function batchOpening(workload: string): ArrayBuffer {
  const w = new ByteWriter(256);
  w.bytes(encodeUtf8('{"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"'));
  const name = encodeUtf8(workload);
  writeEscaped(w, changetype<usize>(name), name.byteLength);
  w.bytes(encodeUtf8('"}}]},"scopeLogs":[{"scope":{"name":"wasmesh.access-log"},"logRecords":['));
  return w.take();
}

export const BATCH_CLOSING = encodeUtf8("]}]}]}");

/** Opens an attribute; its value is written raw straight after (see closeAttribute). */
@inline function openAttribute(w: ByteWriter, first: bool, key: ArrayBuffer, asInt: bool): void {
  if (!first) w.byte(0x2c);
  w.bytes(KEY);
  w.bytes(key);
  w.bytes(asInt ? INT_VALUE : STRING_VALUE);
}

@inline function closeAttribute(w: ByteWriter, scratch: ByteWriter, valueStart: i32): void {
  escapeWritten(w, scratch, valueStart);
  w.bytes(CLOSE_ATTRIBUTE);
}

function headerAttributes(w: ByteWriter, scratch: ByteWriter, first: bool, names: HeaderRef[], keys: ArrayBuffer[],
  map: HeaderIndex, c: AccessLogConfig): bool {
  for (let i = 0; i < names.length; i++) {
    const start = w.len;
    openAttribute(w, first, unchecked(keys[i]), false);
    const valueStart = w.len;
    if (!writeHeader(w, map, unchecked(names[i]), c.redactor)) { w.len = start; continue; }
    closeAttribute(w, scratch, valueStart);
    first = false;
  }
  return first;
}

/** Appends one OTLP logRecord object for `rec`, whose formatted line is [linePtr, +lineLen). */
export function writeOtlpRecord(w: ByteWriter, scratch: ByteWriter, rec: LogRecord, c: AccessLogConfig,
  linePtr: usize, lineLen: i32): void {
  w.bytes(TIME);
  w.uint(rec.startNanos > 0 ? <u64>rec.startNanos : 0);
  w.bytes(BODY);
  writeEscaped(w, linePtr, lineLen);
  w.bytes(ATTRIBUTES);
  let first = true;
  for (let i = 0; i < c.fields.length; i++) {
    const f = unchecked(c.fields[i]);
    const start = w.len;
    openAttribute(w, first, unchecked(c.fieldNames[i]), isIntField(f));
    const valueStart = w.len;
    if (!writeField(w, rec, f, c.redactor, c.fixedHeaders)) { w.len = start; continue; }
    closeAttribute(w, scratch, valueStart);
    first = false;
  }
  first = headerAttributes(w, scratch, first, c.requestHeaders, c.otlpRequestKeys, rec.request, c);
  headerAttributes(w, scratch, first, c.responseHeaders, c.otlpResponseKeys, rec.response, c);
  const start = w.len;
  w.bytes(TRACE_ID);
  if (writeTraceId(w, rec.request)) w.byte(0x22);
  else { w.len = start; w.byte(0x5d); }
  w.byte(0x7d);
}

