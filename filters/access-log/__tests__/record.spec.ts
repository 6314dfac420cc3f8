import { decodeConfig, AccessLogConfig } from "../config";
import { LogRecord } from "../record/record";
import { ByteWriter } from "../format/writer";
import { writeJsonRecord } from "../format/json";
import { writeTextRecord } from "../format/text";
import { writeOtlpRecord, batchOpening, BATCH_CLOSING } from "../sinks/otlp";
import { writeTraceId } from "../record/trace";
import { encodePairs } from "../../common/headers/pairs";
import { HeaderIndex } from "../record/header-index";

function raw(pairs: string[]): ArrayBuffer {
  const k = new Array<ArrayBuffer>(), v = new Array<ArrayBuffer>();
  for (let i = 0; i < pairs.length; i += 2) { k.push(String.UTF8.encode(pairs[i])); v.push(String.UTF8.encode(pairs[i + 1])); }
  return encodePairs(k, v);
}

function headers(pairs: string[]): HeaderIndex {
  const h = new HeaderIndex();
  h.fromBytes(raw(pairs));
  return h;
}

function b(s: string): ArrayBuffer { return String.UTF8.encode(s); }

const ALL = '["start_time","method","authority","path","protocol","response_code","response_flags","bytes_received",' +
  '"bytes_sent","duration","upstream_duration","upstream_host","upstream_cluster","route","request_id","traceparent",' +
  '"trace_id","user_agent","peer","auth_decision","source_address"]';

function config(format: string, extra: string = ""): AccessLogConfig {
  return decodeConfig(b('{"workload":"web","format":"' + format + '","fields":' + ALL + ',"requestHeaders":["x-a","cookie"],' +
    '"responseHeaders":["x-b"],"redact":{"headers":[],"queryParams":["token"],"cookies":[],"mode":"mask"},' +
    '"sampling":{"percent":100,"keepErrors":true},"sinks":{"stdout":true},"metricsPrefix":"p"' + extra + "}"))!;
}

function record(): LogRecord {
  const r = new LogRecord();
  r.request.fromBytes(raw([":method", "GET", ":authority", "shop", ":path", "/a?token=s3&x=1", "x-request-id", "rid-1",
    "x-b3-traceid", "80f198ee56343ba8", "user-agent", 'ua"1', "x-a", "line\nbreak", "cookie", "sid=s4"]));
  r.response.fromBytes(raw(["x-b", "B"]));
  r.startNanos = 1795589519506290000;
  r.durationNanos = 12_400_000;
  r.upstreamNanos = 10_000_000;
  r.code = 503;
  r.flags = 1 << 5;
  r.bytesReceived = 0;
  r.bytesSent = 91;
  r.protocol.set(b("HTTP/2"));
  r.upstreamHost.set(b("10.0.0.7:8080"));
  r.upstreamCluster.set(b("reviews"));
  r.route.set(b("vs/shop/reviews/r0"));
  r.peer.set(b("spiffe://cluster.local/ns/shop/sa/web"));
  r.auth.set(b("allow r1"));
  r.source.set(b("10.0.0.1:5555"));
  return r;
}

describe("record writers", () => {
  it("writes every field as one JSON object, nulls for what Envoy did not know", () => {
    const w = new ByteWriter(16), scratch = new ByteWriter(16);
    writeJsonRecord(w, scratch, record(), config("json"));
    expect(String.UTF8.decode(w.take())).toBe('{"workload":"web","start_time":"2026-11-25T06:51:59.506Z","method":"GET",' +
      '"authority":"shop","path":"/a?token=[REDACTED]&x=1","protocol":"HTTP/2","response_code":503,"response_flags":"UF",' +
      '"bytes_received":0,"bytes_sent":91,"duration":12,"upstream_duration":10,"upstream_host":"10.0.0.7:8080",' +
      '"upstream_cluster":"reviews","route":"vs/shop/reviews/r0","request_id":"rid-1","traceparent":null,' +
      '"trace_id":"000000000000000080f198ee56343ba8","user_agent":"ua\\"1","peer":"spiffe://cluster.local/ns/shop/sa/web",' +
      '"auth_decision":"allow r1","source_address":"10.0.0.1:5555","req.x-a":"line\\nbreak","req.cookie":"sid=[REDACTED]",' +
      '"resp.x-b":"B"}');
  });

  it("writes a text line from a template", () => {
    const w = new ByteWriter(16), scratch = new ByteWriter(16);
    const c = config("text", ',"template":"%REQ(:METHOD)% %REQ(X-MISSING?:PATH):12% %RESPONSE_CODE% %RESPONSE_FLAGS% %PEER% %AUTH_DECISION% %RESP(X-B)% %UPSTREAM_LOCAL_ADDRESS%"');
    writeTextRecord(w, scratch, record(), c);
    expect(String.UTF8.decode(w.take())).toBe("GET /a?token=[RE 503 UF spiffe://cluster.local/ns/shop/sa/web allow r1 B -");
  });

  it("writes an OTLP logRecord that parses as part of a batch", () => {
    const w = new ByteWriter(16), scratch = new ByteWriter(16);
    const c = config("json");
    writeOtlpRecord(w, scratch, record(), c, changetype<usize>(b("L\"")), 2);
    const out = String.UTF8.decode(w.take());
    expect(out.startsWith('{"timeUnixNano":"1795589519506290000","severityNumber":9,"severityText":"INFO","body":{"stringValue":"L\\""},"attributes":[{"key":"start_time"')).toBe(true);
    expect(out.includes('{"key":"response_code","value":{"intValue":"503"}}')).toBe(true);
    expect(out.includes('{"key":"req.cookie","value":{"stringValue":"sid=[REDACTED]"}}')).toBe(true);
    expect(out.includes('"traceparent"')).toBe(false); // absent fields are left out
    expect(out.endsWith('],"traceId":"000000000000000080f198ee56343ba8"}')).toBe(true);
    expect(String.UTF8.decode(batchOpening('we"b')).includes('"stringValue":"we\\"b"')).toBe(true);
    expect(String.UTF8.decode(BATCH_CLOSING)).toBe("]}]}]}");
  });
});

function traceId(pairs: string[]): string {
  const w = new ByteWriter(8);
  return writeTraceId(w, headers(pairs)) ? String.UTF8.decode(w.take()) : "-";
}

describe("trace ids", () => {
  it("reads W3C traceparent, then B3 multi and single headers", () => {
    expect(traceId(["traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"])).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(traceId(["x-b3-traceid", "463ac35c9f6413ad48485a3953bb6124"])).toBe("463ac35c9f6413ad48485a3953bb6124");
    expect(traceId(["b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1"])).toBe("80f198ee56343ba864fe8b2a57d3eff7");
    expect(traceId(["b3", "80f198ee56343ba8-e457b5a2e4d86bd1"])).toBe("000000000000000080f198ee56343ba8");
  });

  it("ignores malformed and all-zero ids", () => {
    expect(traceId(["traceparent", "00-00000000000000000000000000000000-00f067aa0ba902b7-01"])).toBe("-");
    expect(traceId(["traceparent", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"])).toBe("-");
    expect(traceId(["x-b3-traceid", "xyz"])).toBe("-");
    expect(traceId(["b3", "0"])).toBe("-");
    expect(traceId(["traceparent", "garbage", "x-b3-traceid", "463ac35c9f6413ad"])).toBe("0000000000000000463ac35c9f6413ad");
  });
});
