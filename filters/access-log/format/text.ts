// A record as a text line from a parsed template. Like Envoy, an unknown value prints "-".
// Unlike Envoy, values are escaped as inside a JSON string (\" \\ \n \r \uXXXX): a header
// value can neither break the line nor close a quoted field of the template.
import { LogRecord } from "../record/record";
import { AccessLogConfig } from "../config";
import { Segment, SegmentKind } from "./template";
import { ByteWriter } from "./writer";
import { writeField, writeHeader } from "./values";
import { escapeWritten } from "./escape";

function writeSegment(w: ByteWriter, s: Segment, rec: LogRecord, c: AccessLogConfig): bool {
  if (s.kind == SegmentKind.Field) return writeField(w, rec, s.field, c.redactor, c.fixedHeaders);
  const map = s.kind == SegmentKind.RequestHeader ? rec.request : rec.response;
  if (writeHeader(w, map, s.ref!, c.redactor)) return true;
  const alt = s.altRef;
  return alt !== null && writeHeader(w, map, alt, c.redactor);
}

/** Appends the record's text line (no newline) to `w`. */
export function writeTextRecord(w: ByteWriter, scratch: ByteWriter, rec: LogRecord, c: AccessLogConfig): void {
  const segments = c.template;
  for (let i = 0; i < segments.length; i++) {
    const s = unchecked(segments[i]);
    if (s.kind == SegmentKind.Literal) { w.bytes(s.bytes); continue; }
    // The raw value goes straight into the line; :N cuts it before it is escaped, as before.
    const start = w.len;
    if (!writeSegment(w, s, rec, c)) { w.byte(0x2d); continue; }
    if (s.maxLength >= 0 && s.maxLength < w.len - start) w.len = start + s.maxLength;
    escapeWritten(w, scratch, start);
  }
}
