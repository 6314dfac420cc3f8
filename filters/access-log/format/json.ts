// A record as one JSON object: "workload" first, then every configured field is present (null when Envoy did not
// know it), then "req.<name>" / "resp.<name>" for the configured headers. Every string value is
// escaped (format/escape.ts), so no header can add a key or end the line.
import { LogRecord } from "../record/record";
import { isIntField } from "../record/fields";
import { AccessLogConfig } from "../config";
import { ByteWriter } from "./writer";
import { writeField, writeHeader } from "./values";
import { writeEscaped } from "./escape";
import { HeaderIndex } from "../record/header-index";
import { HeaderRef } from "../redact/redactor";

const NULL = String.UTF8.encode("null");

@inline function value(w: ByteWriter, scratch: ByteWriter, present: bool, asInt: bool): void {
  if (!present) { w.bytes(NULL); return; }
  if (asInt) { w.raw(scratch.ptr, scratch.len); return; }
  w.byte(0x22);
  writeEscaped(w, scratch.ptr, scratch.len);
  w.byte(0x22);
}

function headers(w: ByteWriter, scratch: ByteWriter, keys: ArrayBuffer[], names: HeaderRef[], map: HeaderIndex, c: AccessLogConfig): void {
  for (let i = 0; i < names.length; i++) {
    w.bytes(unchecked(keys[i]));
    scratch.reset();
    value(w, scratch, writeHeader(scratch, map, unchecked(names[i]), c.redactor), false);
  }
}

/** Appends the record's JSON object (no newline) to `w`. */
export function writeJsonRecord(w: ByteWriter, scratch: ByteWriter, rec: LogRecord, c: AccessLogConfig): void {
  w.bytes(c.jsonOpening);
  for (let i = 0; i < c.fields.length; i++) {
    const f = unchecked(c.fields[i]);
    w.bytes(unchecked(c.fieldKeys[i]));
    scratch.reset();
    value(w, scratch, writeField(scratch, rec, f, c.redactor, c.fixedHeaders), isIntField(f));
  }
  headers(w, scratch, c.requestHeaderKeys, c.requestHeaders, rec.request, c);
  headers(w, scratch, c.responseHeaderKeys, c.responseHeaders, rec.response, c);
  w.byte(0x7d);
}
