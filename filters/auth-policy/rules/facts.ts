// Everything a rule can ask about one request. index.ts fills it from the header map, the
// properties the rules need and the verified JWT; rule evaluation only reads it (pure).
import { HeaderPairs } from "../../common/headers/pairs";
import { JsonValue } from "../../common/json/value";
import { IpAddress } from "./cidr";
import { encodeUtf8 } from "../../common/encoding/utf8";

const SPIFFE = "spiffe://";
// Shared defaults, so a RequestFacts costs one allocation per request, not a dozen.
const EMPTY = new ArrayBuffer(0);
const NO_HEADERS = HeaderPairs.empty();
const NO_NAMES: ArrayBuffer[] = [];
const NO_VALUES: Array<ArrayBuffer | null> = [];

// Method, path, authority and host are byte ranges, not copies: index.ts points them into the
// header map, the path normalizer's buffer and `scratch`, which all outlive the rule evaluation
// of one request (no allocation per request for them).
export class RequestFacts {
  methodPtr: usize = 0;
  methodLen: usize = 0;
  /** The judged path: normalized, without query. */
  pathPtr: usize = 0;
  pathLen: usize = 0;
  /** :authority in lower case, trailing dot removed; `host` is the same without the port
   * (a prefix of it). */
  authorityPtr: usize = 0;
  authorityLen: usize = 0;
  hostLen: usize = 0;
  /** Holds the lower-cased authority; grown when needed. */
  private scratch: ArrayBuffer = new ArrayBuffer(64);
  /** Keeps a buffer given to a setter alive while the facts point into it. */
  private methodRef: ArrayBuffer = EMPTY;
  private pathRef: ArrayBuffer = EMPTY;
  headers: HeaderPairs = NO_HEADERS;
  /** Header names whose values come from the verified JWT, not from the client (read only). */
  overriddenHeaders: ArrayBuffer[] = NO_NAMES;
  overriddenValues: Array<ArrayBuffer | null> = NO_VALUES;

  /** The peer's URI SAN without `spiffe://`, or null without an mTLS peer identity. */
  peerPrincipal: ArrayBuffer | null = null;
  peerNamespace: ArrayBuffer | null = null;
  sourceIp: IpAddress | null = null;
  destinationIp: IpAddress | null = null;
  destinationPort: i64 = -1;

  /** `iss/sub` of the verified JWT, or null when the request is unauthenticated. */
  requestPrincipal: ArrayBuffer | null = null;
  claims: JsonValue | null = null;

  /** Back to an empty request, for a RequestFacts reused across requests. */
  reset(): void {
    this.methodPtr = 0; this.methodLen = 0; this.pathPtr = 0; this.pathLen = 0;
    this.authorityPtr = 0; this.authorityLen = 0; this.hostLen = 0;
    this.methodRef = EMPTY; this.pathRef = EMPTY;
    this.headers = NO_HEADERS; this.overriddenHeaders = NO_NAMES; this.overriddenValues = NO_VALUES;
    this.peerPrincipal = null; this.peerNamespace = null;
    this.sourceIp = null; this.destinationIp = null; this.destinationPort = -1;
    this.requestPrincipal = null; this.claims = null;
  }

  set method(b: ArrayBuffer) {
    this.methodRef = b; this.methodPtr = changetype<usize>(b); this.methodLen = <usize>b.byteLength;
  }

  set path(b: ArrayBuffer) {
    this.pathRef = b; this.pathPtr = changetype<usize>(b); this.pathLen = <usize>b.byteLength;
  }

  /** Sets the peer identity from `connection.uri_san_peer_certificate`. */
  setPeerUri(uri: string): void {
    if (!uri.startsWith(SPIFFE)) {
      this.peerPrincipal = encodeUtf8(uri);
      return;
    }
    const id = uri.substring(SPIFFE.length);
    this.peerPrincipal = encodeUtf8(id);
    const at = id.indexOf("/ns/");
    if (at < 0) return;
    const start = at + 4;
    let end = id.indexOf("/", start);
    if (end < 0) end = id.length;
    if (end > start) this.peerNamespace = encodeUtf8(id.substring(start, end));
  }

  /** Sets :authority (raw bytes): lower-cases it and derives `host` without port. */
  setAuthority(ptr: usize, len: usize): void {
    if (<usize>this.scratch.byteLength < len) this.scratch = new ArrayBuffer(<i32>len);
    const dst = changetype<usize>(this.scratch);
    for (let i: usize = 0; i < len; i++) {
      const c = load<u8>(ptr + i);
      store<u8>(dst + i, c >= 65 && c <= 90 ? c + 32 : c);
    }
    let hostEnd = len;
    if (len > 0 && load<u8>(dst) == 0x5b) {
      for (let i: usize = 0; i < len; i++) if (load<u8>(dst + i) == 0x5d) { hostEnd = i + 1; break; }
    } else {
      for (let i: usize = 0; i < len; i++) if (load<u8>(dst + i) == 0x3a) { hostEnd = i; break; }
    }
    let authorityLen = len;
    if (hostEnd > 0 && load<u8>(dst + hostEnd - 1) == 0x2e) {
      // "host.:80" and "host." both name "host".
      memory.copy(dst + hostEnd - 1, dst + hostEnd, len - hostEnd);
      hostEnd--; authorityLen--;
    }
    this.authorityPtr = dst;
    this.authorityLen = authorityLen;
    this.hostLen = hostEnd;
  }
}
