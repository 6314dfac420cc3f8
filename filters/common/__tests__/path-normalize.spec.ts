import { normalizePath, PathVerdict, pathEnd } from "../path/normalize";
import { PathBuffer } from "../path/buffer";
import { PATH_VECTORS } from "../../../test/route-match/path-vectors";

const out = new PathBuffer(4);
let lastVerdict = PathVerdict.Ok;

function run(input: string): string {
  const b = String.UTF8.encode(input);
  const verdict = normalizePath(changetype<usize>(b), b.byteLength, out);
  if (verdict == PathVerdict.Invalid) return "400";
  lastVerdict = verdict;
  // Envoy forwards the query untouched after the normalized path.
  const end = pathEnd(changetype<usize>(b), b.byteLength);
  return String.UTF8.decode(out.toBytes()) + input.substring(<i32>end);
}

function verdictOf(input: string): PathVerdict {
  const b = String.UTF8.encode(input);
  return normalizePath(changetype<usize>(b), b.byteLength, out);
}

describe("normalizePath", () => {
  it("produces what Envoy 1.40 forwards for every vector", () => {
    for (let i = 0; i < PATH_VECTORS.length; i++) {
      const v = PATH_VECTORS[i];
      expect(run(v[0])).toBe(v[1], v[0]);
    }
  });

  it("flags encoded slashes and backslashes in any case", () => {
    expect(verdictOf("/a%2fb")).toBe(PathVerdict.EscapedSlash);
    expect(verdictOf("/a%2Fb")).toBe(PathVerdict.EscapedSlash);
    expect(verdictOf("/a%5cb")).toBe(PathVerdict.EscapedSlash);
    expect(verdictOf("/a%5Cb")).toBe(PathVerdict.EscapedSlash);
    expect(verdictOf("/a%252fb")).toBe(PathVerdict.Ok);
    expect(verdictOf("/a/b?x=%2f")).toBe(PathVerdict.Ok);
  });

  it("refuses what cannot be judged", () => {
    expect(verdictOf("")).toBe(PathVerdict.Invalid);
    expect(verdictOf("/a#b")).toBe(PathVerdict.Invalid);
    expect(verdictOf("/a%00")).toBe(PathVerdict.Invalid);
    expect(verdictOf("/a\u0000")).toBe(PathVerdict.Invalid);
    expect(verdictOf("/a\tb")).toBe(PathVerdict.Invalid);
    expect(verdictOf("/a\u007f")).toBe(PathVerdict.Invalid);
    expect(verdictOf("/é")).toBe(PathVerdict.Invalid);
    expect(verdictOf("a")).toBe(PathVerdict.Invalid);
  });

  it("is idempotent on its own output unless it says Ambiguous", () => {
    for (let i = 0; i < PATH_VECTORS.length; i++) {
      const once = run(PATH_VECTORS[i][0]);
      if (once == "400" || lastVerdict == PathVerdict.Ambiguous) continue;
      expect(run(once)).toBe(once, once);
    }
  });

  it("says Ambiguous for dot segments with parameters that survive (Envoy forwards them)", () => {
    expect(verdictOf("/a/%2e%2e;/b")).toBe(PathVerdict.Ambiguous);
    expect(verdictOf("/a/.%2e;x/b")).toBe(PathVerdict.Ambiguous);
    expect(verdictOf("/a/b/%2e;/c")).toBe(PathVerdict.Ambiguous);
    expect(verdictOf("/a/..;/b")).toBe(PathVerdict.Ambiguous); // what a filter sees after Envoy
    expect(verdictOf("/a/.;x/b")).toBe(PathVerdict.Ambiguous);
    expect(verdictOf("/a/...;/b")).toBe(PathVerdict.Ok);
    expect(verdictOf("/a/b;.;/c")).toBe(PathVerdict.Ok);
    expect(verdictOf("/a/.b;/c")).toBe(PathVerdict.Ok);
  });

  it("grows its buffer for long paths", () => {
    let long = "";
    for (let i = 0; i < 500; i++) long += "/seg\"" + i.toString();
    const result = run(long);
    expect(result.length).toBe(long.length + 2 * 500);
  });
});
