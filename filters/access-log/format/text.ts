// A record as a text line from a parsed template. Like Envoy, an unknown value prints "-".
// Unlike Envoy, values are escaped as inside a JSON string (\" \\ \n \r \uXXXX): a header
// value can neither break the line nor close a quoted field of the template.
import { LogRecord } from "../record/record";
import { AccessLogConfig } from "../config";
import { Segment, SegmentKind } from "./template";
import { ByteWriter } from "./writer";
import { writeField, writeHeader } from "./values";
import { writeEscaped } from "./escape";

function writeSegment(scratch: ByteWriter, s: Segment, rec: LogRecord, c: AccessLogConfig): bool {
  if (s.kind == SegmentKind.Field) return writeField(scratch, rec, s.field, c.redactor, c.fixedHeaders);
  const map = s.kind == SegmentKind.RequestHeader ? rec.request : rec.response;
  if (writeHeader(scratch, map, s.ref!, c.redactor)) return true;
  const alt = s.altRef;
  return alt !== null && writeHeader(scratch, map, alt, c.redactor);
}

/** Appends the record's text line (no newline) to `w`. */
export function writeTextRecord(w: ByteWriter, scratch: ByteWriter, rec: LogRecord, c: AccessLogConfig): void {
  const segments = c.template;
  for (let i = 0; i < segments.length; i++) {
    const s = unchecked(segments[i]);
    if (s.kind == SegmentKind.Literal) { w.bytes(s.bytes); continue; }
    scratch.reset();
    if (!writeSegment(scratch, s, rec, c)) { w.byte(0x2d); continue; }
    const n = s.maxLength >= 0 && s.maxLength < scratch.len ? s.maxLength : scratch.len;
    writeEscaped(w, scratch.ptr, n);
  }
}
