import { judgePath, PathVerdict } from "../request-path";

function judged(raw: string, allow: bool = false): string {
  const j = judgePath(String.UTF8.encode(raw), allow);
  if (j.verdict == PathVerdict.Malformed) return "malformed";
  if (j.verdict == PathVerdict.Unsafe) return "unsafe";
  return String.UTF8.decode(j.path);
}

describe("the judged path", () => {
  it("is the shared normalizer's output, without the query", () => {
    expect(judged("/a/../admin?x=1")).toBe("/admin");
    expect(judged("//admin")).toBe("/admin");
    expect(judged("/%61dmin")).toBe("/admin");
    expect(judged("/app\\admin")).toBe("/app/admin");
    expect(judged("/ok?q=/../%2F")).toBe("/ok");
    expect(judgePath(String.UTF8.encode("/ok?x"), false).changed).toBe(false);
    expect(judgePath(String.UTF8.encode("/a/./ok?x"), false).changed).toBe(true);
  });

  it("refuses what the backend may read differently", () => {
    expect(judged("/a%2Fb")).toBe("unsafe");
    expect(judged("/a%5cb")).toBe("unsafe");
    expect(judged("/admin;a=b")).toBe("unsafe");
    expect(judged("/%252e%252e/admin")).toBe("unsafe");
    expect(judged("/%c0%ae%c0%ae/admin")).toBe("unsafe");
    expect(judged("/a%0a")).toBe("unsafe");
    // Never judged (nor forwarded) with the ambiguous segment still in it.
    expect(judged("/a/%2e%2e;/b")).not.toBe("/a/%2e%2e;/b");
    expect(judged("/a/%2e%2e;/b")).not.toBe("/a/..;/b");
  });

  it("always refuses malformed paths, even when unsafe encodings are allowed", () => {
    expect(judged("/admin%00", true)).toBe("malformed");
    expect(judged("/a#b", true)).toBe("malformed");
    expect(judged("admin", true)).toBe("malformed");
    expect(judged("", true)).toBe("malformed");
    expect(judged("/a%zz", true)).toBe("malformed");
    expect(judged("/a%2", true)).toBe("malformed");
    expect(judged("/a%2Fb", true)).toBe("/a%2Fb");
  });
});
