// A Node HTTP upstream that answers every request with what it saw, as JSON, so tests can
// assert on the method, path and headers a request reached the upstream with.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  upstream: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Upstream {
  name: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startUpstream(name: string): Promise<Upstream> {
  const requests: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const seen = { upstream: name, method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      requests.push(seen);
      res.setHeader("content-type", "application/json");
      res.setHeader("x-upstream", name);
      res.end(JSON.stringify(seen));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    name,
    port,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
