// Raw HTTP/1.1 requests over a TCP socket: fetch and curl normalize request targets, these do not.
import { connect } from "node:net";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `GET <target>` (bytes as given) with extra header lines; resolves with the response. */
export function rawRequest(port: number, target: string | Buffer, extraHeaders: string[] = [], method = "GET"): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error("raw request timed out")));
    socket.on("error", reject);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      try {
        resolve(parse(Buffer.concat(chunks).toString("latin1")));
      } catch (error) {
        reject(error);
      }
    };
    // Envoy holds a connection open for delayed_close_timeout after a local reply: finish as
    // soon as the response is complete instead of waiting for the close.
    socket.on("data", (d) => {
      chunks.push(d);
      if (complete(Buffer.concat(chunks).toString("latin1"))) finish();
    });
    socket.on("close", finish);
    const head = Buffer.concat([
      Buffer.from(`${method} `, "latin1"),
      typeof target === "string" ? Buffer.from(target, "latin1") : target,
      Buffer.from(` HTTP/1.1\r\nhost: ${extraHeaders.some((h) => /^host:/i.test(h)) ? "" : "svc\r\n"}`, "latin1"),
    ]);
    const lines = extraHeaders.filter((h) => !/^host:/i.test(h));
    const host = extraHeaders.find((h) => /^host:/i.test(h));
    const text = `${host ? host.slice(5).trim() + "\r\n" : ""}${lines.map((l) => l + "\r\n").join("")}connection: close\r\n\r\n`;
    // No half-close: Envoy treats a client FIN as an abort. `connection: close` ends the exchange.
    socket.write(Buffer.concat([head, Buffer.from(text, "latin1")]));
  });
}

function complete(raw: string): boolean {
  const end = raw.indexOf("\r\n\r\n");
  if (end < 0) return false;
  const head = raw.slice(0, end).toLowerCase();
  const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
  if (length) return raw.length - end - 4 >= Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/.test(head)) return raw.endsWith("0\r\n\r\n");
  return false;
}

function parse(raw: string): RawResponse {
  const end = raw.indexOf("\r\n\r\n");
  if (end < 0) throw new Error(`no HTTP response: ${JSON.stringify(raw.slice(0, 200))}`);
  const [statusLine, ...lines] = raw.slice(0, end).split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(":");
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = raw.slice(end + 4);
  if (headers["transfer-encoding"] === "chunked") body = unchunk(body);
  return { status: Number(statusLine.split(" ")[1]), headers, body };
}

function unchunk(body: string): string {
  let out = "";
  let rest = body;
  for (;;) {
    const nl = rest.indexOf("\r\n");
    const size = parseInt(rest.slice(0, nl), 16);
    if (!size) return out;
    out += rest.slice(nl + 2, nl + 2 + size);
    rest = rest.slice(nl + 4 + size);
  }
}
