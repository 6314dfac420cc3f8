// A record as one JSON object: "workload" first, then every configured field is present (null when Envoy did not
// know it), then "req.<name>" / "resp.<name>" for the configured headers. Every string value is
// escaped (format/escape.ts), so no header can add a key or end the line.
import { LogRecord } from "../record/record";
import { isIntField } from "../record/fields";
import { AccessLogConfig } from "../config";
import { ByteWriter } from "./writer";
import { writeField, writeHeader } from "./values";
import { escapeWritten } from "./escape";
import { HeaderIndex } from "../record/header-index";
import { HeaderRef } from "../redact/redactor";
import { encodeUtf8 } from "../../common/encoding/utf8";

const NULL = encodeUtf8("null");

/** A string value: written straight into the line, escaped in place when it must be. */
@inline function stringValue(w: ByteWriter, scratch: ByteWriter, start: i32, present: bool): void {
  if (!present) { w.len = start; w.bytes(NULL); return; }
  escapeWritten(w, scratch, start + 1);
  w.byte(0x22);
}

function headers(w: ByteWriter, scratch: ByteWriter, keys: ArrayBuffer[], names: HeaderRef[], map: HeaderIndex, c: AccessLogConfig): void {
  for (let i = 0; i < names.length; i++) {
    w.bytes(unchecked(keys[i]));
    const start = w.len;
    w.byte(0x22);
    stringValue(w, scratch, start, writeHeader(w, map, unchecked(names[i]), c.redactor));
  }
}

/** Appends the record's JSON object (no newline) to `w`. */
export function writeJsonRecord(w: ByteWriter, scratch: ByteWriter, rec: LogRecord, c: AccessLogConfig): void {
  w.bytes(c.jsonOpening);
  for (let i = 0; i < c.fields.length; i++) {
    const f = unchecked(c.fields[i]);
    w.bytes(unchecked(c.fieldKeys[i]));
    const start = w.len;
    if (isIntField(f)) {
      if (!writeField(w, rec, f, c.redactor, c.fixedHeaders)) w.bytes(NULL);
      continue;
    }
    w.byte(0x22);
    stringValue(w, scratch, start, writeField(w, rec, f, c.redactor, c.fixedHeaders));
  }
  headers(w, scratch, c.requestHeaderKeys, c.requestHeaders, rec.request, c);
  headers(w, scratch, c.responseHeaderKeys, c.responseHeaders, rec.response, c);
  w.byte(0x7d);
}
