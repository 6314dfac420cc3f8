// Node's http module joins repeated headers when it parses them (IncomingMessage.headers): some
// keep only the first value, cookie joins with "; ", set-cookie stays a list, others join ", ".
// The host's views are joined the same way so they compare with what Node saw behind Envoy.
const FIRST_ONLY = new Set(["content-type", "content-length", "user-agent", "referer", "host", "authorization",
  "proxy-authorization", "if-modified-since", "if-unmodified-since", "from", "location", "max-forwards",
  "retry-after", "etag", "last-modified", "server", "age", "expires"]);

export function nodeJoin(pairs: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of pairs) {
    if (k.startsWith(":")) continue;
    if (!(k in out)) out[k] = v;
    else if (FIRST_ONLY.has(k)) continue;
    else out[k] = `${out[k]}${k === "cookie" ? "; " : ", "}${v}`;
  }
  return out;
}

/** IncomingHttpHeaders → strings (set-cookie lists joined with ", ", as nodeJoin does). */
export function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}
