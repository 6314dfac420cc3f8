// Redaction of header values, query parameters and cookies. A redacted value becomes
// "[REDACTED]" (mask) or "[sha256:<first 8 hex of SHA-256>]" (hash: equal secrets correlate
// across records without being shown; 32 bits, so a guessable secret can be brute-forced —
// use mask for low-entropy secrets). Authorization headers keep their scheme ("Bearer [REDACTED]").
// Cookie headers keep cookie names and attributes, never values.
import { bytesEqualAt } from "../../common/bytes";
import { sha256At } from "../../common/crypto/sha256";
import { ByteWriter } from "../format/writer";
import { nameMatches } from "./names";
import { redactQuery } from "./query";
import { redactCookies } from "./cookie";
import { encodeUtf8 } from "../../common/encoding/utf8";

export const ALWAYS_REDACTED: string[] = ["authorization", "cookie", "set-cookie", "proxy-authorization"];

const MASK = encodeUtf8("[REDACTED]");
const HASH_OPEN = encodeUtf8("[sha256:");
const HEX = "0123456789abcdef";
const COOKIE = encodeUtf8("cookie");
const SET_COOKIE = encodeUtf8("set-cookie");
const AUTHORIZATION = encodeUtf8("authorization");
const PROXY_AUTHORIZATION = encodeUtf8("proxy-authorization");

/** How a header's value is written, decided once per header name at configure time. */
export namespace Kind {
  export const Plain: u8 = 0;
  export const Secret: u8 = 1;
  /** Authorization / Proxy-Authorization: the scheme stays. */
  export const Auth: u8 = 2;
  export const Cookie: u8 = 3;
  export const SetCookie: u8 = 4;
  /** A URL whose query parameters are redacted. */
  export const Url: u8 = 5;
}

/** Headers that carry a URL whose query may hold secrets. */
const URL_HEADERS = [":path", "x-envoy-original-path", "referer", "location"];

/** A header name (lower case) with its redaction kind. */
export class HeaderRef {
  constructor(readonly name: ArrayBuffer, readonly kind: u8) {}
}

export class Redactor {
  constructor(
    /** Lower-case header names, the default set included. */
    readonly headers: ArrayBuffer[],
    /** Lower-case query parameter names (compared after percent-decoding, ignoring case). */
    readonly queryParams: ArrayBuffer[],
    readonly cookies: ArrayBuffer[],
    readonly hash: bool,
  ) {}

  /** Writes the replacement for the secret bytes [ptr, ptr+len). */
  writeSecret(w: ByteWriter, ptr: usize, len: usize): void {
    if (!this.hash) { w.bytes(MASK); return; }
    const digest = sha256At(ptr, <i32>len);
    w.bytes(HASH_OPEN);
    const d = changetype<usize>(digest);
    for (let i = 0; i < 4; i++) {
      const b: u32 = load<u8>(d + i);
      w.byte(<u8>HEX.charCodeAt(<i32>(b >> 4)));
      w.byte(<u8>HEX.charCodeAt(<i32>(b & 15)));
    }
    w.byte(0x5d);
  }

  isRedactedHeader(namePtr: usize, nameLen: usize): bool {
    return nameMatches(this.headers, namePtr, nameLen);
  }

  /** The reference a writer uses for header `name` (lower case); configure time. */
  ref(name: string): HeaderRef {
    const b = encodeUtf8(name);
    const p = changetype<usize>(b), n = <usize>b.byteLength;
    let kind = Kind.Plain;
    if (bytesEqualAt(p, n, COOKIE)) kind = Kind.Cookie;
    else if (bytesEqualAt(p, n, SET_COOKIE)) kind = Kind.SetCookie;
    else if (bytesEqualAt(p, n, AUTHORIZATION) || bytesEqualAt(p, n, PROXY_AUTHORIZATION)) kind = Kind.Auth;
    else if (this.isRedactedHeader(p, n)) kind = Kind.Secret;
    else if (URL_HEADERS.includes(name)) kind = Kind.Url;
    return new HeaderRef(b, kind);
  }

  /** Writes a value of the header `ref` names, redacted as its kind says (raw; callers escape). */
  writeValue(w: ByteWriter, ref: HeaderRef, valuePtr: usize, valueLen: usize): void {
    switch (ref.kind) {
      case Kind.Plain: w.raw(valuePtr, <i32>valueLen); return;
      case Kind.Url: redactQuery(this, w, valuePtr, valueLen); return;
      case Kind.Cookie: redactCookies(this, w, valuePtr, valueLen, false); return;
      case Kind.SetCookie: redactCookies(this, w, valuePtr, valueLen, true); return;
      case Kind.Auth: {
        const scheme = schemeLength(valuePtr, valueLen);
        if (scheme > 0) {
          w.raw(valuePtr, <i32>scheme + 1);
          this.writeSecret(w, valuePtr + scheme + 1, valueLen - scheme - 1);
          return;
        }
        break;
      }
    }
    this.writeSecret(w, valuePtr, valueLen);
  }

  /** Writes a request path with the configured query parameters redacted. */
  writePath(w: ByteWriter, ptr: usize, len: usize): void {
    redactQuery(this, w, ptr, len);
  }
}

/** Length of an auth scheme ("Bearer", "Basic"…) followed by a space, or 0 when there is none. */
function schemeLength(ptr: usize, len: usize): usize {
  const max: usize = len < 32 ? len : 32;
  for (let i: usize = 0; i < max; i++) {
    const c: u32 = load<u8>(ptr + i);
    if (c == 0x20) return i > 0 && i + 1 < len ? i : 0;
    const alnum = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c == 0x2d;
    if (!alnum) return 0;
  }
  return 0;
}
