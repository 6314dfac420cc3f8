import { parseJws, Jws, Alg } from "../jwt/token";
import { verifySignature, KeyChoice } from "../jwt/signature";
import { decodeJwk, Jwk } from "../jwt/jwks";
import { checkClaims, ClaimsStatus } from "../jwt/claims";
import { Provider, HeaderLocation } from "../jwt/provider";
import { authenticate, AuthStatus } from "../jwt/authenticate";
import { HeaderPairs, encodePairs } from "../../common/headers/pairs";
import { TokenCache, VerifiedToken } from "../jwt/cache";
import { parseJson } from "../../common/json/parse";
import { JsonValue } from "../../common/json/value";
import { claimHeaderValue } from "../jwt/claim-headers";

// RFC 7515 Appendix A (and RFC 7519 §3.1): shared payload segment.
const ROOT_PATH = String.UTF8.encode("/");
const P = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
const A1 = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9." + P + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const A1_KEY = '{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}';
const A3 = "eyJhbGciOiJFUzI1NiJ9." + P + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
const A3_HIGH_S = "eyJhbGciOiJFUzI1NiJ9." + P + ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmU69fgrc8OPGycO0lD3tat_FoFp57SETepkeks4eL_QfA";
const A3_KEY = '{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}';
const A5_NONE = "eyJhbGciOiJub25lIn0." + P + ".";
const ED_PROSE = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
const RFC7520_HS_PROSE = "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9.SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4.s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0";

function parse(token: string): Jws | null {
  const b = String.UTF8.encode(token);
  return parseJws(changetype<usize>(b), b.byteLength);
}

function key(json: string): Jwk { return decodeJwk(parseJson(String.UTF8.encode(json))!)!; }

function verify(token: string, keyJson: string): KeyChoice {
  const b = String.UTF8.encode(token);
  const jws = parseJws(changetype<usize>(b), b.byteLength)!;
  return verifySignature([key(keyJson)], jws, changetype<usize>(b));
}

function provider(skew: i64 = 60): Provider {
  const p = new Provider();
  p.issuer = "joe";
  p.clockSkewSeconds = skew;
  return p;
}

function claims(json: string): JsonValue { return parseJson(String.UTF8.encode(json))!; }

describe("RFC vectors", () => {
  it("RFC 7515 A.1 HS256 verifies over the received bytes (CRLF in the header)", () => {
    expect(parse(A1)!.alg).toBe(Alg.HS256);
    expect(verify(A1, A1_KEY)).toBe(KeyChoice.Verified);
  });

  it("RFC 7515 A.3 ES256 and its high-S twin verify; a zero signature does not (CVE-2022-21449)", () => {
    expect(verify(A3, A3_KEY)).toBe(KeyChoice.Verified);
    expect(verify(A3_HIGH_S, A3_KEY)).toBe(KeyChoice.Verified);
    const zero = "eyJhbGciOiJFUzI1NiJ9." + P + "." + "A".repeat(86);
    expect(verify(zero, A3_KEY)).toBe(KeyChoice.BadSignature);
  });

  it("an ES256 token is never checked with an oct key, nor HS256 with an EC key", () => {
    expect(verify(A3, A1_KEY)).toBe(KeyChoice.NoKey);
    expect(verify(A1, A3_KEY)).toBe(KeyChoice.NoKey);
  });

  it("the A.1 token is expired on a real clock and valid at 1300819000", () => {
    const jws = parse(A1)!;
    expect(checkClaims(provider(), jws.payload, 1300819000)).toBe(ClaimsStatus.Ok);
    expect(checkClaims(provider(), jws.payload, 1764000000)).toBe(ClaimsStatus.Expired);
  });

  it("A.5 unsecured, RFC 8037 and RFC 7520 prose payloads are not JWTs", () => {
    expect(parse(A5_NONE)).toBeNull();
    expect(parse(ED_PROSE)).toBeNull();
    expect(parse(RFC7520_HS_PROSE)).toBeNull();
  });
});

describe("compact JWS parsing", () => {
  it("rejects forbidden header parameters, alg none, and unsupported algorithms", () => {
    const p = "eyJpc3MiOiJqb2UiLCJleHAiOjF9"; // {"iss":"joe","exp":1}
    const tok = (header: string): string => b64(header) + "." + p + ".c2ln";
    expect(parse(tok('{"alg":"HS256"}'))).not.toBeNull();
    expect(parse(tok('{"alg":"none"}'))).toBeNull();
    expect(parse(tok('{"alg":"NONE"}'))).toBeNull();
    expect(parse(tok('{"alg":"HS512"}'))).toBeNull();
    expect(parse(tok('{"alg":"PS256"}'))).toBeNull();
    expect(parse(tok('{"alg":"HS256","jwk":{}}'))).toBeNull();
    expect(parse(tok('{"alg":"HS256","jku":"x"}'))).toBeNull();
    expect(parse(tok('{"alg":"HS256","x5u":"x"}'))).toBeNull();
    expect(parse(tok('{"alg":"HS256","x5c":[]}'))).toBeNull();
    expect(parse(tok('{"alg":"HS256","crit":["exp"]}'))).toBeNull();
    expect(parse(tok('{"alg":"HS256","kid":1}'))).toBeNull();
    expect(parse(tok('{"alg":"HS256","alg":"HS256"}'))).toBeNull();
    expect(parse(tok('["HS256"]'))).toBeNull();
  });

  it("needs exactly three non-empty canonical base64url segments", () => {
    expect(parse("a.b")).toBeNull();
    expect(parse(A1 + ".x")).toBeNull();
    expect(parse(A1 + "=")).toBeNull();
    expect(parse(A1.replace("-", "+"))).toBeNull();
    expect(parse(" " + A1)).toBeNull();
    expect(parse("..")).toBeNull();
  });
});

describe("claims", () => {
  it("exp/nbf with skew exactly as Envoy: expired iff now > exp + skew; early iff now + skew < nbf", () => {
    const c = claims('{"iss":"joe","exp":1000,"nbf":900}');
    expect(checkClaims(provider(), c, 1060)).toBe(ClaimsStatus.Ok);
    expect(checkClaims(provider(), c, 1061)).toBe(ClaimsStatus.Expired);
    expect(checkClaims(provider(), c, 840)).toBe(ClaimsStatus.Ok);
    expect(checkClaims(provider(), c, 839)).toBe(ClaimsStatus.NotYetValid);
    expect(checkClaims(provider(0), c, 1001)).toBe(ClaimsStatus.Expired);
  });

  it("iss exact, exp required, time claims integers, aud string or array", () => {
    expect(checkClaims(provider(), claims('{"iss":"Joe","exp":1000}'), 1000)).toBe(ClaimsStatus.Issuer);
    expect(checkClaims(provider(), claims('{"iss":"joe"}'), 1000)).toBe(ClaimsStatus.Expired);
    expect(checkClaims(provider(), claims('{"iss":"joe","exp":"1000"}'), 1000)).toBe(ClaimsStatus.BadClaim);
    expect(checkClaims(provider(), claims('{"iss":"joe","exp":1000.5}'), 1000)).toBe(ClaimsStatus.BadClaim);
    expect(checkClaims(provider(), claims('{"iss":"joe","exp":1000,"sub":5}'), 1000)).toBe(ClaimsStatus.BadClaim);
    const p = provider();
    p.audiences = ["a", "b"];
    expect(checkClaims(p, claims('{"iss":"joe","exp":1000,"aud":"b"}'), 1000)).toBe(ClaimsStatus.Ok);
    expect(checkClaims(p, claims('{"iss":"joe","exp":1000,"aud":["x","a"]}'), 1000)).toBe(ClaimsStatus.Ok);
    expect(checkClaims(p, claims('{"iss":"joe","exp":1000,"aud":["x"]}'), 1000)).toBe(ClaimsStatus.Audience);
    expect(checkClaims(p, claims('{"iss":"joe","exp":1000}'), 1000)).toBe(ClaimsStatus.Audience);
    expect(checkClaims(p, claims('{"iss":"joe","exp":1000,"aud":["a",1]}'), 1000)).toBe(ClaimsStatus.Audience);
  });

  it("maximum lifetime needs iat; iat in the future is refused", () => {
    const p = provider();
    p.maxLifetimeSeconds = 100;
    expect(checkClaims(p, claims('{"iss":"joe","exp":1100,"iat":1000}'), 1000)).toBe(ClaimsStatus.Ok);
    expect(checkClaims(p, claims('{"iss":"joe","exp":1101,"iat":1000}'), 1000)).toBe(ClaimsStatus.Lifetime);
    expect(checkClaims(p, claims('{"iss":"joe","exp":1100}'), 1000)).toBe(ClaimsStatus.Lifetime);
    expect(checkClaims(provider(), claims('{"iss":"joe","exp":5000,"iat":2000}'), 1000)).toBe(ClaimsStatus.NotYetValid);
  });
});

const CLAIMS = '{"s":"ann","b":true,"i":1e3,"n":-42,"f":2.50,"e":1.5E-7,"o":{"x":{}},"c":"a\\u0001b"}';
function v(name: string): string | null {
  const b = claimHeaderValue(parseJson(String.UTF8.encode(CLAIMS))!, [name]);
  return b === null ? null : String.UTF8.decode(b);
}

describe("claim header values", () => {
  it("strings, booleans, integers in decimal, other numbers as written; objects and control bytes not", () => {
    expect(v("s")).toBe("ann");
    expect(v("b")).toBe("true");
    expect(v("i")).toBe("1000");
    expect(v("n")).toBe("-42");
    expect(v("f")).toBe("2.50");
    expect(v("e")).toBe("1.5E-7");
    expect(v("o")).toBeNull();
    expect(v("c")).toBeNull();
    expect(v("missing")).toBeNull();
  });
});

describe("token cache", () => {
  it("is bounded, keyed by the token and provider, and honours exp", () => {
    const cache = new TokenCache(2);
    const c = claims("{}");
    const d = (s: string): ArrayBuffer => String.UTF8.encode(s);
    cache.put(new VerifiedToken(d("a"), 0, new ArrayBuffer(0), c, [], 1000, -1));
    cache.put(new VerifiedToken(d("b"), 0, new ArrayBuffer(0), c, [], 1000, -1));
    expect(cache.get(d("a"), 0, 900, 0)).not.toBeNull();
    expect(cache.get(d("a"), 1, 900, 0)).toBeNull();
    cache.put(new VerifiedToken(d("c"), 0, new ArrayBuffer(0), c, [], 1000, -1));
    expect(cache.size).toBe(2);
    expect(cache.get(d("a"), 0, 900, 0)).toBeNull();
    expect(cache.get(d("c"), 0, 900, 0)).not.toBeNull();
    expect(cache.get(d("c"), 0, 1001, 0)).toBeNull();
    expect(cache.get(d("b"), 0, 1030, 60)).not.toBeNull();
  });

  it("never answers for another token that shares the hashed tail", () => {
    const cache = new TokenCache(4);
    const c = claims("{}");
    const tail = "x".repeat(40);
    const alice = String.UTF8.encode("alice." + tail), mallory = String.UTF8.encode("malory" + tail);
    expect(TokenCache.keyOf(changetype<usize>(alice), alice.byteLength)).toBe(TokenCache.keyOf(changetype<usize>(mallory), mallory.byteLength));
    cache.put(new VerifiedToken(alice, 0, String.UTF8.encode("alice"), c, [], 1000, -1));
    expect(cache.get(mallory, 0, 900, 0)).toBeNull();
    expect(cache.get(alice, 0, 900, 0)).not.toBeNull();
  });
});

function b64(s: string): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const bytes = Uint8Array.wrap(String.UTF8.encode(s));
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (<u32>bytes[i] << 16) | (i + 1 < bytes.length ? <u32>bytes[i + 1] << 8 : 0) | (i + 2 < bytes.length ? <u32>bytes[i + 2] : 0);
    out += chars.charAt(n >> 18) + chars.charAt((n >> 12) & 63);
    if (i + 1 < bytes.length) out += chars.charAt((n >> 6) & 63);
    if (i + 2 < bytes.length) out += chars.charAt(n & 63);
  }
  return out;
}

describe("authenticate", () => {
  it("providers sharing Authorization: the one the token's issuer names verifies it", () => {
    const a = new Provider(); a.name = "a"; a.issuer = "someone-else";
    a.keys = [key(A1_KEY)];
    a.fromHeaders = [new HeaderLocation(String.UTF8.encode("authorization"), String.UTF8.encode("Bearer "))];
    const b = new Provider(); b.name = "b"; b.issuer = "joe";
    b.keys = [key(A1_KEY)];
    b.fromHeaders = a.fromHeaders;
    const h = HeaderPairs.decode(encodePairs([String.UTF8.encode("authorization")], [String.UTF8.encode("Bearer " + A1)]));
    const r = authenticate([a, b], h, changetype<usize>(ROOT_PATH), 1, (): i64 => 1300819000, new TokenCache(4));
    expect(r.status).toBe(AuthStatus.Verified);
    expect(r.provider).toBe(1);
    expect(String.UTF8.decode(r.principal!)).toBe("joe/");
    const onlyA = authenticate([a], h, changetype<usize>(ROOT_PATH), 1, (): i64 => 1300819000, new TokenCache(4));
    expect(onlyA.status).toBe(AuthStatus.Invalid);
    const none = authenticate([a, b], HeaderPairs.empty(), changetype<usize>(ROOT_PATH), 1, (): i64 => 1300819000, new TokenCache(4));
    expect(none.status).toBe(AuthStatus.None);
    const basic = HeaderPairs.decode(encodePairs([String.UTF8.encode("authorization")], [String.UTF8.encode("Basic " + A1)]));
    expect(authenticate([a, b], basic, changetype<usize>(ROOT_PATH), 1, (): i64 => 1300819000, new TokenCache(4)).status).toBe(AuthStatus.None);
  });
});
