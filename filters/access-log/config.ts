// access-log configuration (generator/plan/filters/access-log.ts), decoded once in on_configure.
// Pure: bytes in, config or null out; no host calls. Unknown keys, wrong types and values out
// of range are all rejected (null), so Envoy refuses a configuration we would misread.
import { parseJson } from "../common/json/parse";
import { JsonValue } from "../common/json/value";
import { utf8 } from "../common/bytes";
import { F, fieldByName, needBit } from "./record/fields";
import { Segment, SegmentKind, parseTemplate, ISTIO_TEMPLATE } from "./format/template";
import { ByteWriter } from "./format/writer";
import { writeEscaped } from "./format/escape";
import { Redactor, HeaderRef, ALWAYS_REDACTED } from "./redact/redactor";
import { utf8Lower } from "./redact/lower";
import { FixedHeaders } from "./format/values";
import { SamplingPolicy, RecordFilter } from "./sample/sampler";
import { decodeCollector, CollectorConfig, stringList, isHeaderName, integerIn, ceilIn, millisAsNanos } from "./config-parts";

export { CollectorConfig };

export class AccessLogConfig {
  workload: string = "";
  text: bool = false;
  template: Segment[] = [];
  fields: i32[] = [];
  fieldNames: ArrayBuffer[] = [];
  /** `,"<field>":` for JSON lines. */
  fieldKeys: ArrayBuffer[] = [];
  /** `{"workload":"<name>"` */
  jsonOpening: ArrayBuffer = new ArrayBuffer(0);
  requestHeaders: HeaderRef[] = [];
  responseHeaders: HeaderRef[] = [];
  requestHeaderKeys: ArrayBuffer[] = [];
  responseHeaderKeys: ArrayBuffer[] = [];
  otlpRequestKeys: ArrayBuffer[] = [];
  otlpResponseKeys: ArrayBuffer[] = [];
  redactor: Redactor = new Redactor([], [], [], false);
  fixedHeaders: FixedHeaders = new FixedHeaders(this.redactor);
  sampling: SamplingPolicy = new SamplingPolicy(10000, true, -1);
  filter: RecordFilter | null = null;
  stdout: bool = false;
  collector: CollectorConfig | null = null;
  metricsPrefix: string = "";
  /** How often summed counter deltas go to Envoy (0: each increment at once). */
  metricsFlushMs: u32 = 1000;
  /** Field bits the writers need from Envoy (record/fields.ts needBit). */
  needs: u32 = 0;
  /** Whether any writer reads response headers. */
  needsResponseHeaders: bool = false;
}

const TOP_KEYS = ["workload", "format", "template", "fields", "requestHeaders", "responseHeaders", "redact",
  "sampling", "filters", "sinks", "metricsPrefix", "metricsFlushMs"];

function jsonKey(prefix: string, name: string): ArrayBuffer {
  const w = new ByteWriter(64);
  w.bytes(utf8(prefix));
  const n = utf8(name);
  writeEscaped(w, changetype<usize>(n), n.byteLength);
  w.bytes(utf8('":'));
  return w.take();
}

function isMetricsPrefix(s: string): bool {
  if (s.length == 0 || s.length > 64) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ok = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c == 0x5f || (i > 0 && c >= 0x30 && c <= 0x39);
    if (!ok) return false;
  }
  return true;
}

export function decodeConfig(bytes: ArrayBuffer): AccessLogConfig | null {
  const doc = parseJson(bytes);
  if (doc === null || !doc.isObject || !doc.onlyKeys(TOP_KEYS)) return null;
  const c = new AccessLogConfig();
  const workload = doc.get("workload"), format = doc.get("format"), prefix = doc.get("metricsPrefix");
  if (workload === null || !workload.isString || workload.str.length == 0) return null;
  if (prefix === null || !prefix.isString || !isMetricsPrefix(prefix.str)) return null;
  if (format === null || !format.isString || (format.str != "json" && format.str != "text")) return null;
  c.workload = workload.str;
  c.metricsPrefix = prefix.str;
  if (doc.has("metricsFlushMs")) {
    const flush = ceilIn(doc.get("metricsFlushMs"), 0, 3_600_000);
    if (flush < 0) return null;
    c.metricsFlushMs = <u32>flush;
  }
  c.text = format.str == "text";
  const jw = new ByteWriter(64);
  jw.bytes(utf8('{"workload":"'));
  const wb = utf8(workload.str);
  writeEscaped(jw, changetype<usize>(wb), wb.byteLength);
  jw.byte(0x22);
  c.jsonOpening = jw.take();
  const redactor = decodeRedact(doc.get("redact"));
  if (redactor === null) return null;
  c.redactor = redactor;
  c.fixedHeaders = new FixedHeaders(redactor);
  if (!decodeFormat(c, doc)) return null;
  if (!decodeHeaders(c, doc)) return null;
  const sampling = decodeSampling(doc.get("sampling"));
  if (sampling === null) return null;
  c.sampling = sampling;
  const filters = doc.get("filters");
  if (filters !== null) {
    const f = decodeFilters(filters);
    if (f === null) return null;
    c.filter = f;
  }
  return decodeSinks(c, doc.get("sinks")) ? c : null;
}

function decodeFormat(c: AccessLogConfig, doc: JsonValue): bool {
  const template = doc.get("template");
  if (template !== null && (!template.isString || !c.text)) return false;
  const fields = doc.get("fields");
  if (fields === null || !fields.isArray) return false;
  for (let i = 0; i < fields.items.length; i++) {
    const item = fields.items[i];
    if (!item.isString) return false;
    const f = fieldByName(item.str);
    if (f < 0) return false;
    if (c.fields.includes(f)) continue;
    c.fields.push(f);
    c.fieldNames.push(utf8(item.str));
    c.fieldKeys.push(jsonKey(',"', item.str));
    c.needs |= needBit(f);
  }
  if (c.text) {
    // Envoy templates usually end in "\n"; each record is one line already.
    let source = template === null ? ISTIO_TEMPLATE : template.str;
    if (source.endsWith("\n")) source = source.substring(0, source.length - 1);
    const segments = parseTemplate(source);
    if (segments === null || segments.length == 0) return false;
    c.template = segments;
    for (let i = 0; i < segments.length; i++) {
      const s = segments[i];
      if (s.kind == SegmentKind.Field) c.needs |= needBit(s.field);
      if (s.kind == SegmentKind.ResponseHeader) c.needsResponseHeaders = true;
      if (s.kind == SegmentKind.RequestHeader || s.kind == SegmentKind.ResponseHeader) {
        s.ref = c.redactor.ref(String.UTF8.decode(s.bytes));
        const alt = s.alternative;
        if (alt !== null) s.altRef = c.redactor.ref(String.UTF8.decode(alt));
      }
    }
  }
  return true;
}

function decodeHeaders(c: AccessLogConfig, doc: JsonValue): bool {
  const req = stringList(doc.get("requestHeaders"), isHeaderName, 64);
  const resp = stringList(doc.get("responseHeaders"), isHeaderName, 64);
  if (req === null || resp === null) return false;
  for (let i = 0; i < req.length; i++) {
    c.requestHeaders.push(c.redactor.ref(req[i]));
    c.requestHeaderKeys.push(jsonKey(',"req.', req[i]));
    c.otlpRequestKeys.push(utf8("req." + req[i]));
  }
  for (let i = 0; i < resp.length; i++) {
    c.responseHeaders.push(c.redactor.ref(resp[i]));
    c.responseHeaderKeys.push(jsonKey(',"resp.', resp[i]));
    c.otlpResponseKeys.push(utf8("resp." + resp[i]));
  }
  if (resp.length > 0) c.needsResponseHeaders = true;
  return true;
}

function nonEmpty(s: string): bool {
  return s.length > 0 && s.length <= 256;
}

function lowerAll(list: string[]): ArrayBuffer[] {
  const out = new Array<ArrayBuffer>();
  for (let i = 0; i < list.length; i++) out.push(utf8Lower(list[i]));
  return out;
}

function decodeRedact(json: JsonValue | null): Redactor | null {
  if (json === null || !json.isObject || !json.onlyKeys(["headers", "queryParams", "cookies", "mode"])) return null;
  const headers = stringList(json.get("headers"), isHeaderName, 256);
  const params = stringList(json.get("queryParams"), nonEmpty, 256);
  const cookies = stringList(json.get("cookies"), nonEmpty, 256);
  const mode = json.get("mode");
  if (headers === null || params === null || cookies === null) return null;
  if (mode === null || !mode.isString || (mode.str != "mask" && mode.str != "hash")) return null;
  for (let i = 0; i < ALWAYS_REDACTED.length; i++) {
    if (!headers.includes(ALWAYS_REDACTED[i])) headers.push(ALWAYS_REDACTED[i]);
  }
  return new Redactor(lowerAll(headers), lowerAll(params), lowerAll(cookies), mode.str == "hash");
}

function decodeSampling(json: JsonValue | null): SamplingPolicy | null {
  if (json === null || !json.isObject || !json.onlyKeys(["percent", "keepErrors", "keepSlowerThanMs"])) return null;
  const percent = json.get("percent"), keepErrors = json.get("keepErrors"), slow = json.get("keepSlowerThanMs");
  if (percent === null || !percent.isNumber || !(percent.num >= 0 && percent.num <= 100)) return null;
  if (keepErrors === null || !keepErrors.isBool) return null;
  let slowNanos: i64 = -1;
  if (slow !== null) {
    slowNanos = millisAsNanos(slow, 86_400_000);
    if (slowNanos < 0) return null;
  }
  return new SamplingPolicy(<u32>Math.round(percent.num * 100), keepErrors.bool, slowNanos);
}

function decodeFilters(json: JsonValue): RecordFilter | null {
  if (!json.isObject || !json.onlyKeys(["statusMin", "statusMax", "durationMinMs", "headerPresent"])) return null;
  const min = json.get("statusMin"), max = json.get("statusMax"), dur = json.get("durationMinMs");
  const statusMin: i64 = min === null ? 0 : integerIn(min, 0, 999);
  const statusMax: i64 = max === null ? 999 : integerIn(max, 0, 999);
  const durationNanos: i64 = dur === null ? 0 : millisAsNanos(dur, 86_400_000);
  if (statusMin < 0 || statusMax < 0 || durationNanos < 0 || statusMin > statusMax) return null;
  const present = json.has("headerPresent") ? stringList(json.get("headerPresent"), isHeaderName, 64) : new Array<string>();
  if (present === null) return null;
  return new RecordFilter(statusMin, statusMax, durationNanos, lowerAll(present));
}

function decodeSinks(c: AccessLogConfig, json: JsonValue | null): bool {
  if (json === null || !json.isObject || !json.onlyKeys(["stdout", "collector"])) return false;
  const stdout = json.get("stdout"), collector = json.get("collector");
  if (stdout !== null && !stdout.isBool) return false;
  c.stdout = stdout !== null && stdout.bool;
  if (collector !== null) {
    const cc = decodeCollector(collector);
    if (cc === null) return false;
    c.collector = cc;
    c.needs |= needBit(F.StartTime);
  }
  return c.stdout || c.collector !== null;
}

