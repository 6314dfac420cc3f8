// Requests into the local mesh through the ingress's outbound listener.
import { httpGet, type Reply } from "../support/http-get.ts";

export const INGRESS = { host: "127.0.0.10", port: 15001 };

export function get(path: string, headers: Record<string, string>, to = INGRESS): Promise<Reply> {
  return httpGet(to, path, headers);
}
