import { decodeConfig, AuthPolicyConfig } from "../config";
import { decide, decisionText } from "../decide";
import { RequestFacts } from "../rules/facts";
import { parseIpString } from "../rules/cidr";
import { parseJson } from "../../common/json/parse";
import { HeaderPairs, encodePairs } from "../../common/headers/pairs";

function config(rules: string): AuthPolicyConfig {
  return decodeConfig(String.UTF8.encode('{"workload":"w","jwtProviders":[],"rules":[' + rules + "]}"))!;
}

function facts(path: string = "/", method: string = "GET"): RequestFacts {
  const f = new RequestFacts();
  f.path = String.UTF8.encode(path);
  f.method = String.UTF8.encode(method);
  const a = String.UTF8.encode("svc.local");
  f.setAuthority(changetype<usize>(a), <usize>a.byteLength);
  return f;
}

function headers(kv: string[]): HeaderPairs {
  const keys = new Array<ArrayBuffer>(), values = new Array<ArrayBuffer>();
  for (let i = 0; i < kv.length; i += 2) { keys.push(String.UTF8.encode(kv[i])); values.push(String.UTF8.encode(kv[i + 1])); }
  return HeaderPairs.decode(encodePairs(keys, values));
}

function setAuthority(f: RequestFacts, s: string): void {
  const b = String.UTF8.encode(s);
  f.setAuthority(changetype<usize>(b), <usize>b.byteLength);
}

function verdict(c: AuthPolicyConfig, f: RequestFacts): string { return decisionText(decide(c, f)); }

describe("Istio evaluation order", () => {
  it("no rules, or only DENY/AUDIT rules that do not match: allow", () => {
    expect(verdict(config(""), facts())).toBe("allow");
    expect(verdict(config('{"id":"d","action":"DENY","to":[{"paths":["/x"]}]}'), facts())).toBe("allow");
  });

  it("DENY before ALLOW; any ALLOW rule makes the rest denied; rules:[{}] matches all", () => {
    const c = config('{"id":"a","action":"ALLOW"},{"id":"d","action":"DENY","to":[{"paths":["/admin"]}]}');
    expect(verdict(c, facts("/x"))).toBe("allow a");
    expect(verdict(c, facts("/admin"))).toBe("deny d");
    const only = config('{"id":"a","action":"ALLOW","to":[{"methods":["GET"]}]}');
    expect(verdict(only, facts("/", "POST"))).toBe("deny");
  });

  it("AUDIT records and enforces nothing", () => {
    const c = config('{"id":"au","action":"AUDIT","to":[{"paths":["/x"]}]},{"id":"a","action":"ALLOW","to":[{"methods":["GET"]}]}');
    expect(verdict(c, facts("/x"))).toBe("audit-allow au");
    expect(verdict(c, facts("/x", "PUT"))).toBe("audit-deny au");
    expect(verdict(c, facts("/y"))).toBe("allow a");
  });

  it("one from, one to and every when must match", () => {
    const c = config('{"id":"a","action":"ALLOW","from":[{"ipBlocks":["10.0.0.0/8"]},{"namespaces":["shop"]}],' +
      '"to":[{"paths":["/a"]},{"paths":["/b"]}],"when":[{"key":"request.headers[x]","values":["1"]},{"key":"source.ip","notValues":["10.9.0.0/16"]}]}');
    const f = facts("/b");
    f.sourceIp = parseIpString("10.1.2.3");
    f.headers = headers(["x", "0", "x", "1"]);
    expect(verdict(c, f)).toBe("allow a");
    f.sourceIp = parseIpString("10.9.2.3");
    expect(verdict(c, f)).toBe("deny");
    f.sourceIp = parseIpString("192.168.0.1");
    f.setPeerUri("spiffe://td/ns/shop/sa/web");
    expect(verdict(c, f)).toBe("allow a");
    f.headers = headers(["x", "0"]);
    expect(verdict(c, f)).toBe("deny");
  });

  it("claims: nested, lists, booleans; principal; audiences", () => {
    const c = config('{"id":"a","action":"ALLOW","when":[{"key":"request.auth.claims[realm][roles]","values":["admin"]},' +
      '{"key":"request.auth.claims[email_verified]","values":["true"]},{"key":"request.auth.principal","values":["iss/*"]},' +
      '{"key":"request.auth.audiences","notValues":["evil"]}]}');
    const f = facts();
    f.requestPrincipal = String.UTF8.encode("iss/alice");
    f.claims = parseJson(String.UTF8.encode('{"realm":{"roles":["user","admin"]},"email_verified":true,"aud":["svc"]}'));
    expect(verdict(c, f)).toBe("allow a");
    f.claims = parseJson(String.UTF8.encode('{"realm":{"roles":["user","admin"]},"email_verified":true,"aud":["svc","evil"]}'));
    expect(verdict(c, f)).toBe("deny");
    f.claims = parseJson(String.UTF8.encode('{"realm":{"roles":"user"},"email_verified":true}'));
    expect(verdict(c, f)).toBe("deny");
    f.claims = null;
    expect(verdict(c, f)).toBe("deny");
  });

  it("a claim header's value comes from the verified token, never from the client", () => {
    const c = config('{"id":"a","action":"ALLOW","when":[{"key":"request.headers[x-sub]","values":["alice"]}]}');
    const f = facts();
    f.headers = headers(["x-sub", "alice"]);
    f.overriddenHeaders = [String.UTF8.encode("x-sub")];
    f.overriddenValues = [null];
    expect(verdict(c, f)).toBe("deny");
    f.overriddenValues = [String.UTF8.encode("alice")];
    expect(verdict(c, f)).toBe("allow a");
  });

  it("hosts: case, port and trailing dot", () => {
    const c = config('{"id":"a","action":"ALLOW","to":[{"hosts":["Svc.Example"]}]},{"id":"p","action":"ALLOW","to":[{"hosts":["p.example:8443"]}]}');
    const f = facts();
    setAuthority(f, "SVC.example:80"); expect(verdict(c, f)).toBe("allow a");
    setAuthority(f, "svc.example."); expect(verdict(c, f)).toBe("allow a");
    setAuthority(f, "svc.example.:80"); expect(verdict(c, f)).toBe("allow a");
    setAuthority(f, "p.example:8443"); expect(verdict(c, f)).toBe("allow p");
    setAuthority(f, "p.example"); expect(verdict(c, f)).toBe("deny");
    setAuthority(f, "[::1]:80"); expect(verdict(c, f)).toBe("deny");
  });
});

describe("path gates (a rule's common leading path bytes, tested first)", () => {
  it("a rule whose operations share a prefix still matches every path one of them matches", () => {
    const c = config('{"id":"d","action":"DENY","to":[{"paths":["/adm/x","/adm/y*"]},{"paths":["/adm/{*}/z"]},{"methods":["PUT"],"paths":["/adm"]}]}');
    expect(verdict(c, facts("/adm/x"))).toBe("deny d");
    expect(verdict(c, facts("/adm/yes"))).toBe("deny d");
    expect(verdict(c, facts("/adm/q/z"))).toBe("deny d");
    expect(verdict(c, facts("/adm", "PUT"))).toBe("deny d");
    expect(verdict(c, facts("/adm", "GET"))).toBe("allow");
    expect(verdict(c, facts("/ad"))).toBe("allow");
    expect(verdict(c, facts("/other/x"))).toBe("allow");
  });

  it("no gate when an operation has no paths, or a pattern has no leading bytes", () => {
    const anyPath = config('{"id":"d","action":"DENY","to":[{"paths":["/adm/*"]},{"methods":["DELETE"]}]}');
    expect(verdict(anyPath, facts("/other", "DELETE"))).toBe("deny d");
    const suffix = config('{"id":"d","action":"DENY","to":[{"paths":["/adm/*","*.php"]}]}');
    expect(verdict(suffix, facts("/x/index.php"))).toBe("deny d");
    const template = config('{"id":"d","action":"DENY","to":[{"paths":["/{*}/admin"]}]}');
    expect(verdict(template, facts("/t/admin"))).toBe("deny d");
    const when = config('{"id":"d","action":"DENY","when":[{"key":"request.headers[x]","values":["1"]}]}');
    const f = facts("/anything");
    f.headers = headers(["x", "1"]);
    expect(verdict(when, f)).toBe("deny d");
  });
});
