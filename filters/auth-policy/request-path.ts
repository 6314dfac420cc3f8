// The path the rules judge. Policy must decide on the bytes the backend will interpret
// (Envoy postmortem CVE-2021-29492): the shared normalizer (filters/common/path, the one
// route-match uses) gives the form Envoy forwards with normalize_path + merge_slashes, the
// rules judge that form, and index.ts forwards it. What cannot be judged safely is refused
// (400) unless the config says `unsafePathEncoding: allow`: encoded slashes and backslashes,
// dot segments with parameters, path parameters (`/admin;a=b`), double encoding (`%25`),
// encoded control bytes, escapes that do not decode to UTF-8 (overlong `%c0%ae`). A malformed
// path (no leading '/', NUL, '#', raw control or non-ASCII bytes, a bad %-escape) is always refused.
import { normalizePath, pathEnd, PathVerdict as Normalized } from "../common/path/normalize";
import { PathBuffer } from "../common/path/buffer";
import { validUtf8 } from "../common/json/parse";

export enum PathVerdict { Ok, Unsafe, Malformed }

export class JudgedPath {
  verdict: PathVerdict = PathVerdict.Ok;
  /** The normalized path, without query, at [ptr, ptr+len): valid until the next judgment. */
  ptr: usize = 0;
  len: usize = 0;
  /** Whether normalization changed it (the request must then be forwarded with it). */
  changed: bool = false;

  /** A copy of the normalized path. */
  get path(): ArrayBuffer {
    const out = new ArrayBuffer(<i32>this.len);
    memory.copy(changetype<usize>(out), this.ptr, this.len);
    return out;
  }
}

const buffer = new PathBuffer();
// Reused: one request at a time, read before the next path is judged.
const judged = new JudgedPath();

@inline function hex(c: u32): i32 {
  if (c >= 0x30 && c <= 0x39) return <i32>c - 0x30;
  c |= 0x20;
  if (c >= 0x61 && c <= 0x66) return <i32>c - 0x57;
  return -1;
}

export function judgePath(raw: ArrayBuffer, allowUnsafe: bool): JudgedPath {
  return judgePathAt(changetype<usize>(raw), <usize>raw.byteLength, allowUnsafe);
}

/** Judges the raw :path at [base, base+rawLen) (not copied). */
export function judgePathAt(base: usize, rawLen: usize, allowUnsafe: bool): JudgedPath {
  const n = normalizePath(base, rawLen, buffer);
  const j = judged;
  j.ptr = buffer.ptr;
  j.len = <usize>buffer.length;
  j.changed = false;
  if (n == Normalized.Invalid) {
    j.verdict = PathVerdict.Malformed;
    return j;
  }
  const end = pathEnd(base, rawLen);
  j.changed = j.len != end || memory.compare(base, j.ptr, end) != 0;
  let verdict = inspect(j.ptr, j.len);
  if (verdict == PathVerdict.Ok && n != Normalized.Ok) verdict = PathVerdict.Unsafe;
  if (verdict == PathVerdict.Unsafe && allowUnsafe) verdict = PathVerdict.Ok;
  j.verdict = verdict;
  return j;
}

function inspect(p: usize, len: usize): PathVerdict {
  let unsafe = false;
  let highBytes = false;
  for (let i: usize = 0; i < len; i++) {
    const c = <u32>load<u8>(p + i);
    if (c == 0x3b) unsafe = true;
    if (c != 0x25) continue;
    if (i + 2 >= len) return PathVerdict.Malformed;
    const h = hex(load<u8>(p + i + 1)), l = hex(load<u8>(p + i + 2));
    if (h < 0 || l < 0) return PathVerdict.Malformed;
    const v = <u32>((h << 4) | l);
    if (v < 0x20 || v == 0x7f || v == 0x25) unsafe = true;
    if (v >= 0x80) highBytes = true;
    i += 2;
  }
  if (highBytes && !decodedUtf8Valid(p, len)) unsafe = true;
  return unsafe ? PathVerdict.Unsafe : PathVerdict.Ok;
}

function decodedUtf8Valid(p: usize, len: usize): bool {
  const out = new ArrayBuffer(<i32>len);
  const o = changetype<usize>(out);
  let n: usize = 0;
  for (let i: usize = 0; i < len; i++) {
    const c = load<u8>(p + i);
    if (c == 0x25 && i + 2 < len) {
      store<u8>(o + n++, <u8>((hex(load<u8>(p + i + 1)) << 4) | hex(load<u8>(p + i + 2))));
      i += 2;
    } else store<u8>(o + n++, c);
  }
  return validUtf8(o, o + n);
}
