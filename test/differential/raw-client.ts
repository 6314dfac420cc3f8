// Sends one HTTP/1.1 request as exact bytes (no client-side validation, unlike node:http) and
// reads the whole response (the request asks for connection: close).
import { connect } from "node:net";
import type { Pair } from "../../host/index.ts";

export interface RawResponse {
  status: number;
  headers: Pair[];
  body: string;
}

export function sendRaw(port: number, r: { method: string; path: string; authority: string; headers: Pair[]; body?: string }): Promise<RawResponse> {
  const lines = [`${r.method} ${r.path} HTTP/1.1`, `host: ${r.authority}`, ...r.headers.map(([k, v]) => `${k}: ${v}`)];
  if (r.body !== undefined) lines.push(`content-length: ${Buffer.byteLength(r.body, "latin1")}`);
  lines.push("connection: close", "", "");
  const bytes = Buffer.concat([Buffer.from(lines.join("\r\n"), "latin1"), Buffer.from(r.body ?? "", "latin1")]);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      if (split < 0) return resolve({ status: 0, headers: [], body: "" }); // no answer in time
      const [statusLine, ...headerLines] = text.slice(0, split).split("\r\n");
      const headers = headerLines.map((l): Pair => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]);
      const chunked = headers.some(([k, v]) => k === "transfer-encoding" && v.toLowerCase() === "chunked");
      const rest = text.slice(split + 4);
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: r.method === "HEAD" ? "" : chunked ? dechunk(rest) : rest });
    };
    // Complete once the framing says so (content-length, chunked end, HEAD), not at close.
    const complete = (): boolean => {
      const text = Buffer.concat(chunks).toString("latin1");
      const split = text.indexOf("\r\n\r\n");
      if (split < 0) return false;
      const head = text.slice(0, split).toLowerCase();
      if (r.method === "HEAD") return true;
      const length = /\r\ncontent-length: *(\d+)/.exec(head);
      if (length) return text.length - split - 4 >= Number(length[1]);
      if (/\r\ntransfer-encoding: *chunked/.test(head)) return text.endsWith("0\r\n\r\n");
      return false;
    };
    // write, not end: Envoy closes a half-closed downstream connection without answering.
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    socket.setTimeout(5000, finish);
    socket.on("data", (d) => {
      chunks.push(d);
      if (complete()) finish();
    });
    socket.on("error", (err) => (done ? undefined : reject(err)));
    socket.on("close", finish);
  });
}

function dechunk(s: string): string {
  let out = "";
  for (let at = 0; ;) {
    const eol = s.indexOf("\r\n", at);
    const size = parseInt(s.slice(at, eol), 16);
    if (!(size > 0)) return out;
    out += s.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}
