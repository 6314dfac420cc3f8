// A Node stand-in for an OpenTelemetry Collector's OTLP/HTTP logs receiver: takes POST
// /v1/logs JSON bodies, keeps every batch (and the raw bytes) for assertions, answers `status`.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface OtlpAttribute { key: string; value: { stringValue?: string; intValue?: string } }
export interface OtlpLogRecord {
  timeUnixNano: string;
  body: { stringValue: string };
  attributes: OtlpAttribute[];
  traceId?: string;
}

export interface Collector {
  port: number;
  /** Raw request bodies, as received. */
  bodies: string[];
  records: OtlpLogRecord[];
  paths: string[];
  /** The status the next requests get. */
  status: number;
  close(): Promise<void>;
}

export function recordsOf(body: string): OtlpLogRecord[] {
  const doc = JSON.parse(body);
  const out: OtlpLogRecord[] = [];
  for (const rl of doc.resourceLogs) for (const sl of rl.scopeLogs) out.push(...sl.logRecords);
  return out;
}

export function attribute(r: OtlpLogRecord, key: string): string | undefined {
  const a = r.attributes.find((x) => x.key === key);
  return a?.value.stringValue ?? a?.value.intValue;
}

export async function startCollector(): Promise<Collector> {
  const c: Collector = { port: 0, bodies: [], records: [], paths: [], status: 200, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (d: Buffer) => chunks.push(d));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      c.bodies.push(body);
      c.paths.push(`${req.method} ${req.url} ${req.headers["content-type"]} ${req.headers.host}`);
      if (c.status === 200) c.records.push(...recordsOf(body));
      res.statusCode = c.status;
      res.setHeader("content-type", "application/json");
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  c.port = (server.address() as AddressInfo).port;
  c.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return c;
}
