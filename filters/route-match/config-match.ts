// Decoding one RequestMatch (path, method, headers, query params). Null means refuse the config.
import { JsonValue } from "../common/json/value";
import { utf8 } from "../common/bytes";
import { decodeStringMatch, MatchKind, StringMatcher } from "../common/match/string-matcher";
import { HeaderCondition, HeaderMode, PathCondition, PathKind, QueryCondition, RequestMatch } from "./model";

export function decodeRequestMatch(json: JsonValue): RequestMatch | null {
  if (!json.isObject || !json.onlyKeys(["path", "method", "headers", "queryParams"])) return null;
  let path: PathCondition | null = null;
  const pathJson = json.get("path");
  if (pathJson !== null) {
    path = decodePath(pathJson);
    if (path === null) return null;
  }
  let method: ArrayBuffer | null = null;
  const methodJson = json.get("method");
  if (methodJson !== null) {
    if (!methodJson.isString || !isToken(methodJson.str, true)) return null;
    method = utf8(methodJson.str);
  }
  const headers = new Array<HeaderCondition>();
  const headersJson = json.get("headers");
  if (headersJson !== null) {
    if (!headersJson.isArray) return null;
    for (let i = 0; i < headersJson.items.length; i++) {
      const h = decodeHeader(headersJson.items[i]);
      if (h === null) return null;
      headers.push(h);
    }
  }
  const query = new Array<QueryCondition>();
  const queryJson = json.get("queryParams");
  if (queryJson !== null) {
    if (!queryJson.isArray) return null;
    for (let i = 0; i < queryJson.items.length; i++) {
      const q = decodeQuery(queryJson.items[i]);
      if (q === null) return null;
      query.push(q);
    }
  }
  return new RequestMatch(path, method, headers, query);
}

function decodePath(json: JsonValue): PathCondition | null {
  const segment = json.get("pathPrefix");
  if (segment === null) {
    const m = decodeStringMatch(json);
    if (m === null) return null;
    if (m.kind != MatchKind.Regex && m.kind != MatchKind.Suffix && !startsWithSlash(m.value)) return null;
    return new PathCondition(PathKind.Plain, m);
  }
  if (!json.isObject || !json.onlyKeys(["pathPrefix", "ignoreCase"]) || !segment.isString) return null;
  let value = segment.str;
  if (!value.startsWith("/")) return null;
  while (value.endsWith("/")) value = value.substring(0, value.length - 1);
  const rebuilt = new JsonValue();
  rebuilt.kind = json.kind;
  rebuilt.keys = ["prefix"];
  rebuilt.items = [JsonValue.ofString(value)];
  const ic = json.get("ignoreCase");
  if (ic !== null) {
    rebuilt.keys.push("ignoreCase");
    rebuilt.items.push(ic);
  }
  const m = decodeStringMatch(rebuilt);
  return m === null ? null : new PathCondition(PathKind.SegmentPrefix, m);
}

function decodeHeader(json: JsonValue): HeaderCondition | null {
  if (!json.isObject || !json.onlyKeys(["name", "match", "present", "absent", "invert"])) return null;
  const name = json.get("name");
  if (name === null || !name.isString || !isHeaderName(name.str)) return null;
  const matchJson = json.get("match"), present = json.get("present"), absent = json.get("absent");
  const invert = json.get("invert");
  if (invert !== null && !invert.isBool) return null;
  let mode = HeaderMode.Value;
  let matcher: StringMatcher | null = null;
  let kinds = 0;
  if (matchJson !== null) {
    matcher = decodeStringMatch(matchJson);
    if (matcher === null) return null;
    kinds++;
  }
  if (present !== null) {
    if (!present.isBool || !present.bool) return null;
    mode = HeaderMode.Present;
    kinds++;
  }
  if (absent !== null) {
    if (!absent.isBool || !absent.bool) return null;
    mode = HeaderMode.Absent;
    kinds++;
  }
  if (kinds != 1) return null;
  return new HeaderCondition(utf8(name.str), mode, matcher, invert !== null && invert.bool);
}

function decodeQuery(json: JsonValue): QueryCondition | null {
  if (!json.isObject || !json.onlyKeys(["name", "match", "present"])) return null;
  const name = json.get("name");
  if (name === null || !name.isString || name.str.length == 0) return null;
  const matchJson = json.get("match"), present = json.get("present");
  if ((matchJson === null) == (present === null)) return null;
  if (present !== null) {
    if (!present.isBool || !present.bool) return null;
    return new QueryCondition(utf8(name.str), null);
  }
  const matcher = decodeStringMatch(matchJson!);
  return matcher === null ? null : new QueryCondition(utf8(name.str), matcher);
}

function startsWithSlash(b: ArrayBuffer): bool {
  return b.byteLength > 0 && load<u8>(changetype<usize>(b)) == 0x2f;
}

/** An RFC 9110 token; upper-case only when `upper` (methods). */
function isToken(s: string, upper: bool): bool {
  if (s.length == 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const alpha = upper ? c >= 0x41 && c <= 0x5a : c >= 0x61 && c <= 0x7a;
    if (!(alpha || (c >= 0x30 && c <= 0x39) || "!#$%&'*+-.^_`|~".indexOf(String.fromCharCode(c)) >= 0)) return false;
  }
  return true;
}

/** Lower-case header name; pseudo-headers (":authority") allowed. */
export function isHeaderName(s: string): bool {
  return s.startsWith(":") ? isToken(s.substring(1), false) : isToken(s, false);
}
