// A raw HTTP/1.1 client for attack inputs that fetch() would normalize or refuse: dot segments,
// encoded slashes, NUL, fragments, repeated headers in a chosen order.
import { connect } from "node:net";

export interface RawResponse {
  status: number;
  headers: Record<string, string[]>;
  body: string;
}

export interface RawRequest {
  method?: string;
  path: string;
  /** Sent in this order; the same name may appear several times. Host defaults to localhost. */
  headers?: [string, string][];
  body?: string;
}

export function rawRequest(port: number, req: RawRequest): Promise<RawResponse> {
  const headers = req.headers ?? [];
  if (!headers.some(([k]) => k.toLowerCase() === "host")) headers.unshift(["host", "localhost"]);
  const lines = [`${req.method ?? "GET"} ${req.path} HTTP/1.1`, ...headers.map(([k, v]) => `${k}: ${v}`), "connection: close"];
  if (req.body !== undefined) lines.push(`content-length: ${Buffer.byteLength(req.body)}`);
  const wire = Buffer.concat([Buffer.from(lines.join("\r\n") + "\r\n\r\n", "latin1"), Buffer.from(req.body ?? "")]);
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.setTimeout(10000, () => socket.destroy(new Error("raw request timed out")));
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      try { resolve(parse(Buffer.concat(chunks))); } catch (e) { reject(e); }
    };
    // Envoy delays closing after a local reply (delayed_close_timeout), so a complete response
    // ends the exchange rather than the socket's end.
    socket.on("data", (d) => { chunks.push(d); if (complete(Buffer.concat(chunks))) finish(); });
    socket.on("error", (err) => { if (!done) { done = true; reject(err); } });
    socket.on("end", finish);
    socket.write(wire);
  });
}

function complete(buf: Buffer): boolean {
  const text = buf.toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return false;
  const head = text.slice(0, end).toLowerCase();
  const length = head.match(/\r\ncontent-length:\s*(\d+)/);
  if (length) return buf.length - (end + 4) >= Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/.test(head)) return text.endsWith("\r\n0\r\n\r\n");
  return false;
}

function parse(buf: Buffer): RawResponse {
  const text = buf.toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) throw new Error(`incomplete response: ${JSON.stringify(text.slice(0, 200))}`);
  const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
  const headers: Record<string, string[]> = {};
  for (const line of lines) {
    const i = line.indexOf(":");
    const k = line.slice(0, i).trim().toLowerCase();
    (headers[k] ??= []).push(line.slice(i + 1).trim());
  }
  let body = text.slice(end + 4);
  if (headers["transfer-encoding"]?.[0] === "chunked") body = unchunk(body);
  return { status: Number(statusLine.split(" ")[1]), headers, body };
}

function unchunk(s: string): string {
  let out = "";
  let pos = 0;
  while (pos < s.length) {
    const eol = s.indexOf("\r\n", pos);
    const size = parseInt(s.slice(pos, eol), 16);
    if (!size) break;
    out += s.slice(eol + 2, eol + 2 + size);
    pos = eol + 2 + size + 2;
  }
  return out;
}
