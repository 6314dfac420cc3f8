// What Envoy 1.40's HTTP/1 codec and connection manager refuse before any HTTP filter runs
// (observed on the real Envoy with raw requests; see host/README.md). The filter never sees these.
import type { Pair } from "./abi/pairs.ts";

export interface CodecRejection {
  status: number;
  body: string;
}

// Methods the HTTP/1 parser accepts (upper case only); others, and lower-case ones, are a 400.
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "PURGE", "COPY", "LOCK",
  "MKCOL", "MOVE", "PROPFIND", "PROPPATCH", "SEARCH", "UNLOCK", "BIND", "REBIND", "UNBIND", "ACL", "REPORT",
  "MKACTIVITY", "CHECKOUT", "MERGE", "NOTIFY", "SUBSCRIBE", "UNSUBSCRIBE", "LINK", "UNLINK", "SOURCE", "MKCALENDAR"]);
const BAD_REQUEST: CodecRejection = { status: 400, body: "Bad Request" };

const visibleAscii = (s: string) => /^[\x21-\x7e]*$/.test(s);
// Field values: obs-text and tabs are fine; other controls and DEL are not.
const validValue = (s: string) => !/[\x00-\x08\x0a-\x1f\x7f]/.test(s);

/** The rejection Envoy's codec would answer with, or null when the request reaches the filters. */
export function codecRejection(method: string, path: string, authority: string, headers: readonly Pair[]): CodecRejection | null {
  if (!METHODS.has(method)) return BAD_REQUEST;
  if (!visibleAscii(path) || !path.startsWith("/")) return BAD_REQUEST;
  if (authority !== "" && !visibleAscii(authority)) return BAD_REQUEST;
  if (headers.some(([, v]) => !validValue(v))) return BAD_REQUEST;
  // A fragment in the request target: the connection manager's 400, with an empty body.
  if (path.includes("#")) return { status: 400, body: "" };
  return null;
}
