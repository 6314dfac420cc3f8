// Virtual host selection by `:authority`, as Envoy does it: exact domain, then the longest
// `*.suffix` wildcard, then `*`. Compared ASCII case-insensitively; the port is part of the
// authority (a domain without port does not match "host:8080", as in Envoy without
// strip_*_host_port); a trailing dot is not removed.
import { utf8 } from "../common/bytes";
import { lowerAscii } from "../common/match/ascii";
import { ByteMap } from "../common/match/byte-map";
import { PathBuffer } from "../common/path/buffer";

class Wildcard {
  constructor(readonly suffix: ArrayBuffer, readonly vhost: i32) {}
}

const lowered = new PathBuffer(128);

export class HostTable {
  private exactNames: ArrayBuffer[] = new Array<ArrayBuffer>();
  private exactHosts: i32[] = new Array<i32>();
  private exact: ByteMap = new ByteMap(0);
  private wildcards: Wildcard[] = new Array<Wildcard>();
  private fallback: i32 = -1;

  /** Adds a domain at config time; false when it is malformed or already taken. */
  add(domain: string, vhost: i32): bool {
    if (domain.length == 0 || domain.toLowerCase() != domain) return false;
    if (domain == "*") {
      if (this.fallback >= 0) return false;
      this.fallback = vhost;
      return true;
    }
    const star = domain.indexOf("*");
    if (star > 0 || (star == 0 && (!domain.startsWith("*.") || domain.length < 3 || domain.lastIndexOf("*") != 0))) return false;
    if (domain.indexOf(" ") >= 0 || domain.indexOf("/") >= 0) return false;
    if (star == 0) {
      const suffix = utf8(domain.substring(1));
      for (let i = 0; i < this.wildcards.length; i++) {
        if (String.UTF8.decode(this.wildcards[i].suffix) == domain.substring(1)) return false;
      }
      this.wildcards.push(new Wildcard(suffix, vhost));
      return true;
    }
    for (let i = 0; i < this.exactNames.length; i++) {
      if (String.UTF8.decode(this.exactNames[i]) == domain) return false;
    }
    this.exactNames.push(utf8(domain));
    this.exactHosts.push(vhost);
    return true;
  }

  /** Builds the lookup tables once every domain is in. */
  finish(): bool {
    this.exact = new ByteMap(this.exactNames.length);
    for (let i = 0; i < this.exactNames.length; i++) {
      if (!this.exact.set(this.exactNames[i], this.exactHosts[i])) return false;
    }
    // Longest suffix first; ties keep configuration order.
    this.wildcards.sort((a: Wildcard, b: Wildcard): i32 => b.suffix.byteLength - a.suffix.byteLength);
    return true;
  }

  /** Index of the virtual host for the authority at [ptr, ptr+len), or -1. */
  select(ptr: usize, len: usize): i32 {
    lowered.reset(<i32>len);
    const host = lowered.ptr;
    for (let i: usize = 0; i < len; i++) store<u8>(host + i, lowerAscii(load<u8>(ptr + i)));
    lowered.length = <i32>len;
    const exact = this.exact.get(host, len);
    if (exact >= 0) return exact;
    for (let i = 0; i < this.wildcards.length; i++) {
      const w = unchecked(this.wildcards[i]);
      const n = <usize>w.suffix.byteLength;
      if (len > n && memory.compare(host + len - n, changetype<usize>(w.suffix), n) == 0) return w.vhost;
    }
    return this.fallback;
  }
}
