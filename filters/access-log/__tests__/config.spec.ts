import { decodeConfig } from "../config";
import { F } from "../record/fields";
import { SegmentKind } from "../format/template";

const BASE = '"workload":"reviews","fields":["method","response_code"],"requestHeaders":["x-a"],' +
  '"responseHeaders":[],"redact":{"headers":["x-api-key"],"queryParams":["token"],"cookies":[],"mode":"mask"},' +
  '"sampling":{"percent":12.5,"keepErrors":true,"keepSlowerThanMs":250},"metricsPrefix":"wasmesh_access"';
const COLLECTOR = '"collector":{"cluster":"otel","authority":"otel","path":"/v1/logs","batchSize":10,' +
  '"flushIntervalMs":500,"maxBuffered":100,"timeoutMs":1000}';

function doc(format: string, extra: string = "", sinks: string = '"stdout":true'): ArrayBuffer {
  return String.UTF8.encode("{" + BASE + ',"format":"' + format + '","sinks":{' + sinks + "}" + extra + "}");
}

describe("decodeConfig", () => {
  it("decodes a complete JSON configuration", () => {
    const c = decodeConfig(doc("json", ',"filters":{"statusMin":400,"headerPresent":["x-debug"]}', COLLECTOR))!;
    expect(c).not.toBeNull();
    expect(c.text).toBe(false);
    expect(c.fields.length).toBe(2);
    expect(c.fields[1]).toBe(F.ResponseCode);
    expect(String.UTF8.decode(c.fieldKeys[0])).toBe(',"method":');
    expect(String.UTF8.decode(c.requestHeaderKeys[0])).toBe(',"req.x-a":');
    expect(c.sampling.perTenThousand).toBe(1250);
    expect(c.sampling.slowNanos).toBe(250_000_000);
    expect(c.redactor.headers.length).toBe(5); // x-api-key + the four always redacted
    expect(c.filter!.statusMin).toBe(400);
    expect(c.filter!.statusMax).toBe(999);
    expect(c.collector!.batchSize).toBe(10);
    expect(c.stdout).toBe(false);
  });

  it("uses Istio's line for text without a template, and parses a given template", () => {
    const istio = decodeConfig(doc("text"))!;
    expect(istio.template.length).toBeGreaterThan(20);
    const t = decodeConfig(doc("text", ',"template":"%RESP(X-Y)% %DURATION%\\n"'))!;
    expect(t.template.length).toBe(3); // the trailing newline is dropped
    expect(t.template[0].kind).toBe(SegmentKind.ResponseHeader);
    expect(t.needsResponseHeaders).toBe(true);
  });

  it("drops duplicates and takes fractional milliseconds", () => {
    const c = decodeConfig(String.UTF8.encode("{" + BASE.replace('["method"', '["method","method"').replace('"keepSlowerThanMs":250', '"keepSlowerThanMs":0.5') +
      ',"format":"json","sinks":{"stdout":true}}'))!;
    expect(c.fields.length).toBe(2);
    expect(c.sampling.slowNanos).toBe(500_000);
  });

  it("flushes metrics every second unless metricsFlushMs says otherwise (0: at once)", () => {
    expect(decodeConfig(doc("json"))!.metricsFlushMs).toBe(1000);
    expect(decodeConfig(doc("json", ',"metricsFlushMs":0'))!.metricsFlushMs).toBe(0);
    expect(decodeConfig(doc("json", ',"metricsFlushMs":2.5'))!.metricsFlushMs).toBe(3);
    expect(decodeConfig(doc("json", ',"metricsFlushMs":-1'))).toBeNull();
    expect(decodeConfig(doc("json", ',"metricsFlushMs":"1000"'))).toBeNull();
    expect(decodeConfig(doc("json", ',"metricsFlushMs":3600001'))).toBeNull();
  });

  it("rejects what it cannot honour", () => {
    expect(decodeConfig(String.UTF8.encode("{"))).toBeNull();
    expect(decodeConfig(doc("yaml"))).toBeNull();
    expect(decodeConfig(doc("json", ',"template":"%DURATION%"'))).toBeNull();   // template needs text
    expect(decodeConfig(doc("text", ',"template":"%BOGUS%"'))).toBeNull();
    expect(decodeConfig(doc("json", ',"extra":1'))).toBeNull();
    expect(decodeConfig(doc("json", "", ""))).toBeNull();                          // no sink
    expect(decodeConfig(doc("json", ',"filters":{"statusMin":500,"statusMax":400}'))).toBeNull();
    expect(decodeConfig(doc("json", "", COLLECTOR.replace('"maxBuffered":100', '"maxBuffered":5')))).toBeNull();
    expect(decodeConfig(doc("json", "", COLLECTOR.replace('"/v1/logs"', '"v1/logs"')))).toBeNull();
    expect(decodeConfig(doc("json", "", COLLECTOR.replace('"batchSize":10', '"batchSize":1.5')))).toBeNull();
    expect(decodeConfig(String.UTF8.encode("{" + BASE.replace('"x-a"', '"X-A"') + ',"format":"json","sinks":{"stdout":true}}'))).toBeNull();
    expect(decodeConfig(String.UTF8.encode("{" + BASE.replace('wasmesh_access', 'bad prefix') + ',"format":"json","sinks":{"stdout":true}}'))).toBeNull();
  });
});
