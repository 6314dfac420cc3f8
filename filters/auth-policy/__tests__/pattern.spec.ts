import { decodePattern } from "../rules/pattern";
import { decodePathPattern, PathPattern } from "../rules/path-pattern";

function matches(pattern: string, value: string): bool {
  const p = decodePattern(pattern)!;
  return p.matches(String.UTF8.encode(value));
}

function pathMatches(template: string, path: string): bool {
  const p: PathPattern = decodePathPattern(template)!;
  const b = String.UTF8.encode(path);
  return p.matchesAt(changetype<usize>(b), <usize>b.byteLength);
}

describe("string patterns", () => {
  it("exact, prefix*, *suffix and * (presence)", () => {
    expect(matches("GET", "GET")).toBe(true);
    expect(matches("GET", "GETX")).toBe(false);
    expect(matches("/api/*", "/api/x")).toBe(true);
    expect(matches("/api/*", "/api")).toBe(false);
    expect(matches("*.json", "/a.json")).toBe(true);
    expect(matches("*.json", "/a.jsonx")).toBe(false);
    expect(matches("*", "")).toBe(true);
  });

  it("a '*' anywhere else is an error, never a wildcard (CVE-2026-39350)", () => {
    expect(decodePattern("ns/foo*bar")).toBeNull();
    expect(decodePattern("**")).toBeNull();
    expect(decodePattern("")).toBeNull();
  });

  it("dots are literal", () => {
    expect(matches("ns/foo.bar", "ns/fooXbar")).toBe(false);
  });
});

describe("path templates (Istio / Envoy uri_template)", () => {
  it("{*} is exactly one non-empty segment", () => {
    expect(pathMatches("/foo/{*}", "/foo/bar")).toBe(true);
    expect(pathMatches("/foo/{*}", "/foo/bar/baz")).toBe(false);
    expect(pathMatches("/foo/{*}", "/foo/")).toBe(false);
    expect(pathMatches("/foo/{*}/bar", "/foo/x/bar")).toBe(true);
  });

  it("{**} is any rest, '/' included, and must be the last operator", () => {
    expect(pathMatches("/foo/{**}/", "/foo/bar/")).toBe(true);
    expect(pathMatches("/foo/{**}/", "/foo//")).toBe(true);
    expect(pathMatches("/foo/{**}/", "/foo/bar")).toBe(false);
    expect(pathMatches("/foo/{*}/bar/{**}", "/foo/buzz/bar/")).toBe(true);
    expect(pathMatches("/foo/{*}/bar/{**}", "/foo/buzz/bar/baz")).toBe(true);
    expect(decodePathPattern("/{**}/foo/{*}")).toBeNull();
  });

  it("'*' in a request path is ordinary segment content (CVE-2025-46821)", () => {
    expect(pathMatches("/admin/{**}", "/admin/*")).toBe(true);
    expect(pathMatches("/admin/{*}", "/admin/a*b")).toBe(true);
  });

  it("invalid templates are errors", () => {
    expect(decodePathPattern("/*/baz/{*}")).toBeNull();
    expect(decodePathPattern("/**/baz/{*}")).toBeNull();
    expect(decodePathPattern("/foo{*}")).toBeNull();
    expect(decodePathPattern("/foo/{x}")).toBeNull();
    expect(decodePathPattern("foo/{*}")).toBeNull();
  });
});
