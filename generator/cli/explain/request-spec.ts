// A sample request as `explain --request` takes it, curl-like:
//   'GET http://catalog/items?id=1 -H x-user-id:42 -H "authorization: Bearer eyJ..."'
// The target is a path (then the authority comes from -H host: or -H :authority:) or an absolute
// http(s) URL. Quotes group words; -H takes `name:value` (spaces after the colon are dropped).
import { UsageError } from "../report.ts";

export interface SampleRequest {
  method: string;
  /** Lower case, without port (virtual hosts are chosen ASCII case-insensitively). */
  authority?: string;
  /** The :authority header as sent, case and port kept: what header conditions see. */
  authorityHeader?: string;
  port?: number;
  /** Path without query. */
  path: string;
  query: [string, string][];
  /** Lower-case names, in the order given; repeated names stay separate entries. */
  headers: [string, string][];
}

function words(text: string): string[] {
  const out: string[] = [];
  let cur = "", quote = "", started = false;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = "";
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      started = true;
    } else if (/\s/.test(ch)) {
      if (started || cur) out.push(cur);
      cur = "";
      started = false;
    } else cur += ch;
  }
  if (quote) throw new UsageError(`--request: unclosed ${quote}`);
  if (started || cur) out.push(cur);
  return out;
}

export function parseSampleRequest(text: string): SampleRequest {
  const w = words(text);
  if (w.length < 2) throw new UsageError(`--request: expected 'METHOD /path [-H name:value]...', got ${JSON.stringify(text)}`);
  const [method, target, ...rest] = w;
  if (!/^[A-Z]+$/.test(method)) throw new UsageError(`--request: the method must be upper case letters, got ${JSON.stringify(method)}`);
  const headers: [string, string][] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] !== "-H" || i + 1 >= rest.length) throw new UsageError(`--request: expected -H name:value, got ${JSON.stringify(rest.slice(i).join(" "))}`);
    const h = rest[++i];
    const colon = h.indexOf(":", h.startsWith(":") ? 1 : 0);
    if (colon <= 0) throw new UsageError(`--request: header ${JSON.stringify(h)} has no name:value`);
    headers.push([h.slice(0, colon).trim().toLowerCase(), h.slice(colon + 1).trim()]);
  }
  let authority: string | undefined, pathAndQuery = target;
  const abs = /^(https?):\/\/([^/?#]+)(.*)$/i.exec(target);
  if (abs) {
    authority = abs[2];
    pathAndQuery = abs[3] || "/";
  } else if (!target.startsWith("/")) {
    throw new UsageError(`--request: the target must be a path starting with / or an http:// URL, got ${JSON.stringify(target)}`);
  }
  authority ??= headers.find(([n]) => n === ":authority" || n === "host")?.[1];
  const q = pathAndQuery.indexOf("?");
  const path = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
  const query = q < 0 ? [] : pathAndQuery.slice(q + 1).split("&").filter(Boolean).map((kv): [string, string] => {
    const eq = kv.indexOf("=");
    // Raw, as route-match and Envoy 1.40 compare them: `%20` is not a space, `+` is `+`.
    return eq < 0 ? [kv, ""] : [kv.slice(0, eq), kv.slice(eq + 1)];
  });
  const m = authority ? /^(.*?)(?::(\d+))?$/.exec(authority.toLowerCase()) : null;
  return {
    method, path, query,
    headers: headers.filter(([n]) => n !== ":authority" && n !== "host"),
    ...(m ? { authority: m[1], ...(m[2] ? { port: Number(m[2]) } : {}), authorityHeader: authority } : {}),
  };
}

/** All values of a header, one entry per occurrence (route-match judges each value alone). */
export function headerValues(r: SampleRequest, name: string): string[] {
  if (name === ":method") return [r.method];
  if (name === ":path") return [r.path];
  if (name === ":authority" || name === "host") {
    if (r.authorityHeader !== undefined) return [r.authorityHeader];
    return r.authority ? [r.port !== undefined ? `${r.authority}:${r.port}` : r.authority] : [];
  }
  return r.headers.filter(([n]) => n === name).map(([, v]) => v);
}
