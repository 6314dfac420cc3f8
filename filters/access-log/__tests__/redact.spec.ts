import { ByteWriter } from "../format/writer";
import { Redactor } from "../redact/redactor";
import { utf8Lower } from "../redact/lower";

function list(names: string[]): ArrayBuffer[] {
  const out = new Array<ArrayBuffer>();
  for (let i = 0; i < names.length; i++) out.push(String.UTF8.encode(names[i]));
  return out;
}

const DEFAULT = ["authorization", "cookie", "set-cookie", "proxy-authorization"];
const mask = new Redactor(list(DEFAULT.concat(["x-api-key"])), list(["token", "access_token"]), list(["sid"]), false);
const hash = new Redactor(list(DEFAULT), list(["token"]), [], true);

function header(r: Redactor, name: string, value: string): string {
  const w = new ByteWriter(8);
  const v = String.UTF8.encode(value);
  r.writeValue(w, r.ref(name), changetype<usize>(v), v.byteLength);
  return String.UTF8.decode(w.take());
}

function path(r: Redactor, p: string): string {
  const w = new ByteWriter(8);
  const b = String.UTF8.encode(p);
  r.writePath(w, changetype<usize>(b), b.byteLength);
  return String.UTF8.decode(w.take());
}

describe("header redaction", () => {
  it("keeps the authorization scheme and hides the credentials", () => {
    expect(header(mask, "authorization", "Bearer eyJhbGciOi.x.y")).toBe("Bearer [REDACTED]");
    expect(header(mask, "proxy-authorization", "Basic dXNlcjpwYXNz")).toBe("Basic [REDACTED]");
    expect(header(mask, "authorization", "opaque-token-without-scheme")).toBe("[REDACTED]");
    expect(header(mask, "authorization", "Bearer ")).toBe("[REDACTED]");
  });

  it("redacts configured headers whole and leaves others alone", () => {
    expect(header(mask, "x-api-key", "Key abc")).toBe("[REDACTED]");
    expect(header(mask, "x-trace", "abc")).toBe("abc");
  });

  it("redacts the query of headers that carry a URL", () => {
    expect(header(mask, "referer", "https://a.example/p?token=s&x=1")).toBe("https://a.example/p?token=[REDACTED]&x=1");
    expect(header(mask, ":path", "/p?access_token=s")).toBe("/p?access_token=[REDACTED]");
  });

  it("keeps cookie names and attributes, never values", () => {
    expect(header(mask, "cookie", "sid=s3cret; theme=dark")).toBe("sid=[REDACTED]; theme=[REDACTED]");
    expect(header(mask, "set-cookie", "sid=s3cret; Path=/; HttpOnly")).toBe("sid=[REDACTED]; Path=/; HttpOnly");
    expect(header(mask, "cookie", "barevalue")).toBe("[REDACTED]");
  });

  it("hashes to the first 8 hex digits of SHA-256", () => {
    // sha256("abc") = ba7816bf…
    expect(header(hash, "authorization", "Bearer abc")).toBe("Bearer [sha256:ba7816bf]");
    expect(header(hash, "cookie", "sid=abc")).toBe("sid=[sha256:ba7816bf]");
  });
});

describe("query redaction", () => {
  it("redacts named parameters and keeps the rest", () => {
    expect(path(mask, "/a?x=1&token=s3cret&y=2")).toBe("/a?x=1&token=[REDACTED]&y=2");
    expect(path(mask, "/a?access_token=s3cret")).toBe("/a?access_token=[REDACTED]");
    expect(path(mask, "/a/token=x")).toBe("/a/token=x");
    expect(path(mask, "/a?")).toBe("/a?");
    expect(path(hash, "/a?token=abc")).toBe("/a?token=[sha256:ba7816bf]");
  });

  it("matches names the way applications decode them", () => {
    expect(path(mask, "/a?TOKEN=s1")).toBe("/a?TOKEN=[REDACTED]");
    expect(path(mask, "/a?tok%65n=s2")).toBe("/a?tok%65n=[REDACTED]");
    expect(path(mask, "/a?x=1;token=s3")).toBe("/a?x=1;token=[REDACTED]");
    expect(path(mask, "/a?token=s4&token=s5")).toBe("/a?token=[REDACTED]&token=[REDACTED]");
    expect(path(mask, "/a?token=s6=s7")).toBe("/a?token=[REDACTED]");
  });
});

describe("configured names", () => {
  it("are lowered in A-Z only, so upper-case names in the configuration still match", () => {
    const r = new Redactor([], [utf8Lower("Access_TOKEN")], [utf8Lower("SID")], false);
    expect(path(r, "/a?access_token=s1&ACCESS_TOKEN=s2")).toBe("/a?access_token=[REDACTED]&ACCESS_TOKEN=[REDACTED]");
    expect(String.UTF8.decode(utf8Lower("X-Ünï-Key"))).toBe("x-Ünï-key");
  });
});
