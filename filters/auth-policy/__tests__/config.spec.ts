import { decodeConfig } from "../config";

function ok(json: string): bool { return decodeConfig(String.UTF8.encode(json)) !== null; }
function rule(r: string): string { return '{"workload":"w","jwtProviders":[],"rules":[' + r + "]}"; }
const OCT = '{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}';
function provider(keys: string, extra: string = ""): string {
  return '{"workload":"w","rules":[],"jwtProviders":[{"name":"p","issuer":"i","audiences":[],"jwks":{"keys":[' + keys +
    ']},"fromHeaders":[],"fromParams":[],"fromCookies":[],"forward":false,"outputClaimToHeaders":[],"clockSkewSeconds":60' + extra + "}]}";
}

function claimHeader(header: string): string {
  return provider(OCT).replace('"outputClaimToHeaders":[]', '"outputClaimToHeaders":[{"header":"' + header + '","claim":"sub"}]');
}

describe("decodeConfig", () => {
  it("accepts the contract's shapes", () => {
    expect(ok(rule('{"id":"r0","action":"ALLOW"}'))).toBe(true);
    expect(ok(rule('{"id":"r0","action":"DENY","from":[{"principals":["spiffe://td/ns/a/sa/b"],"notIpBlocks":["10.0.0.0/8"]}],' +
      '"to":[{"methods":["GET"],"paths":["/a/{*}"],"hosts":["*.x"],"ports":[8080]}],' +
      '"when":[{"key":"request.headers[x-a]","values":["1"]},{"key":"request.auth.claims[a][b]","notValues":["x"]}]}'))).toBe(true);
    expect(ok(provider(OCT))).toBe(true);
    expect(ok(provider(OCT, ',"maxLifetimeSeconds":3600'))).toBe(true);
  });

  it("refuses unknown or malformed configuration (fail closed)", () => {
    expect(ok("")).toBe(false);
    expect(ok("{}")).toBe(false);
    expect(ok('{"workload":"w","rules":[],"jwtProviders":[],"extra":1}')).toBe(false);
    expect(ok('{"workload":"w","rules":[],"jwtProviders":[],"unsafePathEncoding":"maybe"}')).toBe(false);
    expect(ok(rule('{"id":"r0","action":"CUSTOM"}'))).toBe(false);
    expect(ok(rule('{"id":"","action":"ALLOW"}'))).toBe(false);
    expect(ok(rule('{"id":"r0","action":"ALLOW"},{"id":"r0","action":"DENY"}'))).toBe(false);
    expect(ok(rule('{"id":"r0","action":"ALLOW","source":{}}'))).toBe(false);
    expect(ok(rule('{"id":"r0","action":"ALLOW","from":[{"remoteIpBlocks":["1.2.3.4"]}]}'))).toBe(false);
    expect(ok(rule('{"id":"r0","action":"ALLOW","from":[{"ipBlocks":["1.2.3.4/40"]}]}'))).toBe(false);
    expect(ok(rule('{"id":"r0","action":"ALLOW","from":[{"principals":["a*b"]}]}'))).toBe(false);
    expect(ok(rule('{"id":"r0","action":"ALLOW","to":[{"paths":["/a/{x}"]}]}'))).toBe(false);
    expect(ok(rule('{"id":"r0","action":"ALLOW","to":[{"ports":[70000]}]}'))).toBe(false);
    expect(ok(rule('{"id":"r0","action":"ALLOW","to":[{"ports":["80"]}]}'))).toBe(false);
    expect(ok(rule('{"id":"r0","action":"ALLOW","when":[{"key":"request.regex[x]","values":["1"]}]}'))).toBe(false);
    expect(ok(rule('{"id":"r0","action":"ALLOW","when":[{"key":"request.headers[x]"}]}'))).toBe(false);
    expect(ok(rule('{"id":"r0","action":"ALLOW","when":[{"key":"request.headers[a b]","values":["1"]}]}'))).toBe(false);
    expect(ok(rule('{"id":"r0","action":"ALLOW","when":[{"key":"request.auth.claims[]","values":["1"]}]}'))).toBe(false);
    expect(ok(rule('{"id":"r0","action":"ALLOW","when":[{"key":"destination.port","values":["http"]}]}'))).toBe(false);
    expect(ok(rule('{"id":"r0","action":"ALLOW","when":[{"key":"source.ip","values":["nope"]}]}'))).toBe(false);
  });

  it("refuses JWKS keys it cannot verify with, or should not hold", () => {
    expect(ok(provider(""))).toBe(false);
    expect(ok(provider('{"kty":"oct","k":"c2hvcnQ"}'))).toBe(false); // < 256 bits
    expect(ok(provider('{"kty":"oct","alg":"HS512","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}'))).toBe(false);
    expect(ok(provider('{"kty":"RSA","n":"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1WlUzewbgBHod5pcM9H95GQRV3JDXboIRROSBigeC5yjU1hGzHHyXss8UDprecbAYxknTcQkhslANGRUZmdTOQ5qTRsLAt6BTYuyvVRdhS8exSZEy_c4gs_7svlJJQ4H9_NxsiIoLwAEk7-Q3UXERGYw_75IDrGA84-lA_-Ct4eTlXHBIY2EaV7t7LjJaynVJCpkv4LKjTTAumiGUIuQhrNhZLuF_RJLqHpM2kgWFLU7-VTdL1VbC2tejvcI2BlMkEpk1BzBZI0KQB0GaDWFLN-aEAw3vRw","e":"AQAB","alg":"HS256"}'))).toBe(false);
    expect(ok(provider('{"kty":"RSA","n":"wVQJmJhdbTkCZd2RSoqzWKM3TnRV2I5YGJfScyTvEVR_oyvHmhr-fdhyvF1Jy5E8dnRHh5ZyPJFZjT7S3jCa3w","e":"AQAB"}'))).toBe(false); // 512 bits
    expect(ok(provider('{"kty":"EC","crv":"P-384","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}'))).toBe(false);
    expect(ok(provider('{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}'))).toBe(true);
    expect(ok(provider('{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}'))).toBe(false);
    expect(ok(provider('{"kty":"EC","crv":"P-256","use":"enc","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}'))).toBe(false);
    expect(ok(provider('{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}'))).toBe(true);
    expect(ok(provider('{"kty":"OKP","crv":"X25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}'))).toBe(false);
    expect(ok(provider('{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo="}'))).toBe(false);
    expect(ok(provider('{"kty":"DSA","x":"AA"}'))).toBe(false);
    expect(ok(provider(OCT, ',"clockSkewSeconds":-1'))).toBe(false);
  });

  it("refuses a claim header that would set Host or a pseudo-header, in any ASCII case", () => {
    expect(ok(claimHeader("X-User"))).toBe(true);
    expect(ok(claimHeader("host"))).toBe(false);
    expect(ok(claimHeader("HoSt"))).toBe(false);
    expect(ok(claimHeader(":path"))).toBe(false);
  });
});
