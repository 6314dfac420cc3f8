import { parseCidr, parseIpString, ipOfSocketAddress, IpAddress } from "../rules/cidr";

function ip(s: string): IpAddress { return parseIpString(s)!; }
function inBlock(block: string, addr: string): bool { return parseCidr(block)!.contains(ip(addr)); }
function socketIp(s: string): IpAddress | null {
  const b = String.UTF8.encode(s);
  return ipOfSocketAddress(changetype<usize>(b), <usize>b.byteLength);
}

describe("CIDR blocks", () => {
  it("IPv4 prefixes, single addresses and /0", () => {
    expect(inBlock("10.0.0.0/8", "10.255.1.2")).toBe(true);
    expect(inBlock("10.0.0.0/8", "11.0.0.1")).toBe(false);
    expect(inBlock("192.168.1.7", "192.168.1.7")).toBe(true);
    expect(inBlock("192.168.1.7", "192.168.1.8")).toBe(false);
    expect(inBlock("0.0.0.0/0", "8.8.8.8")).toBe(true);
    expect(inBlock("10.1.2.3/8", "10.9.9.9")).toBe(true); // host bits masked, as Envoy does
  });

  it("IPv6 prefixes, compressed forms, and IPv4-mapped peers against IPv4 blocks", () => {
    expect(inBlock("2001:db8::/32", "2001:db8:1::5")).toBe(true);
    expect(inBlock("2001:db8::/32", "2001:db9::1")).toBe(false);
    expect(inBlock("::1/128", "::1")).toBe(true);
    expect(inBlock("fe80::/10", "febf::1")).toBe(true);
    expect(inBlock("127.0.0.0/8", "::ffff:127.0.0.1")).toBe(true);
    expect(inBlock("::/0", "::ffff:1.2.3.4")).toBe(true);
    expect(inBlock("0.0.0.0/0", "2001:db8::1")).toBe(false);
  });

  it("rejects malformed addresses and prefixes", () => {
    expect(parseCidr("10.0.0.0/33")).toBeNull();
    expect(parseCidr("10.0.0/8")).toBeNull();
    expect(parseCidr("010.0.0.1")).toBeNull();
    expect(parseCidr("256.0.0.1")).toBeNull();
    expect(parseCidr("1.2.3.4/")).toBeNull();
    expect(parseCidr("1.2.3.4/08")).toBeNull();
    expect(parseCidr("::1/129")).toBeNull();
    expect(parseCidr("1::2::3")).toBeNull();
    expect(parseCidr("1:2:3:4:5:6:7:8:9")).toBeNull();
    expect(parseCidr("12345::")).toBeNull();
    expect(parseCidr("")).toBeNull();
  });

  it("reads Envoy's source.address format", () => {
    expect(parseCidr("127.0.0.1")!.contains(socketIp("127.0.0.1:5432")!)).toBe(true);
    expect(parseCidr("::1")!.contains(socketIp("[::1]:80")!)).toBe(true);
    expect(socketIp("[::1")).toBeNull();
  });
});
