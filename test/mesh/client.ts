// Requests into the local mesh through the ingress's outbound listener. node:http, because
// fetch does not let a caller choose the Host header (which is how the mesh routes).
import { request } from "node:http";

export const INGRESS = { host: "127.0.0.10", port: 15001 };

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function get(path: string, headers: Record<string, string>, to = INGRESS): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ ...to, method: "GET", path, headers }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.setTimeout(10000, () => req.destroy(new Error(`GET ${path}: timeout`)));
    req.end();
  });
}
