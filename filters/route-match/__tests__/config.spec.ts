import { decodeConfig } from "../config";
import { RouteMatchConfig } from "../model";
import { RequestFacts } from "../conditions";
import { selectRoute } from "../select";

function decode(json: string): RouteMatchConfig | null {
  return decodeConfig(String.UTF8.encode(json));
}

const DEST = '"destinations":[{"cluster":"c","weight":1}]';

function withRoute(route: string): string {
  return '{"virtualHosts":[{"name":"h","domains":["*"],"routes":[' + route + "]}]}";
}

function host(c: RouteMatchConfig, authority: string): i32 {
  const b = String.UTF8.encode(authority);
  return c.hosts.select(changetype<usize>(b), b.byteLength);
}

const facts = new RequestFacts();

function routeFor(c: RouteMatchConfig, vh: i32, path: string): i32 {
  const b = String.UTF8.encode(path);
  facts.pathPtr = changetype<usize>(b);
  facts.pathLen = b.byteLength;
  facts.queryLen = 0;
  facts.methodLen = 0;
  return selectRoute(c.virtualHosts[vh], facts);
}

describe("decodeConfig", () => {
  it("accepts the contract's shapes", () => {
    expect(decode('{"virtualHosts":[]}')).not.toBeNull();
    expect(decode(withRoute('{"id":"r","matches":[],' + DEST + "}"))).not.toBeNull();
    expect(decode(withRoute('{"id":"r","matches":[{"path":{"pathPrefix":"/a/","ignoreCase":true},"method":"GET",' +
      '"headers":[{"name":":authority","match":{"suffix":".shop"}},{"name":"x","present":true,"invert":true},{"name":"y","absent":true}],' +
      '"queryParams":[{"name":"q","match":{"exact":""}},{"name":"p","present":true}]}],' +
      '"destinations":[{"cluster":"a","weight":90},{"cluster":"b","weight":0}],"stickyBy":{"cookie":"s"}}'))).not.toBeNull();
    expect(decode('{"virtualHosts":[],"debugHeader":true}')!.debugHeader).toBe(true);
  });

  it("refuses anything invalid or unknown", () => {
    const bad = [
      "", "[]", '{"virtualHosts":[],"extra":1}', '{"routes":[]}', '{"virtualHosts":[],"debugHeader":"yes"}',
      '{"virtualHosts":[{"name":"h","domains":[],"routes":[]}]}',
      '{"virtualHosts":[{"name":"h","domains":["A.shop"],"routes":[]}]}',
      '{"virtualHosts":[{"name":"h","domains":["a.*"],"routes":[]}]}',
      '{"virtualHosts":[{"name":"h","domains":["*a.shop"],"routes":[]}]}',
      '{"virtualHosts":[{"name":"h","domains":["*","*"],"routes":[]}]}',
      '{"virtualHosts":[{"name":"h","domains":["a"],"routes":[]},{"name":"i","domains":["a"],"routes":[]}]}',
      withRoute('{"id":"","matches":[],' + DEST + "}"),
      withRoute('{"id":"r",' + DEST + "}"),
      withRoute('{"id":"r","matches":[],"destinations":[]}'),
      withRoute('{"id":"r","matches":[],"destinations":[{"cluster":"c","weight":0}]}'),
      withRoute('{"id":"r","matches":[],"destinations":[{"cluster":"c","weight":-1}]}'),
      withRoute('{"id":"r","matches":[],"destinations":[{"cluster":"c","weight":1.5}]}'),
      withRoute('{"id":"r","matches":[],"destinations":[{"cluster":"","weight":1}]}'),
      withRoute('{"id":"r","matches":[],' + DEST + ',"stickyBy":{"query":"a"}}'),
      withRoute('{"id":"r","matches":[],' + DEST + ',"stickyBy":{"header":"X-User"}}'),
      withRoute('{"id":"r","matches":[{"path":{"glob":"/a/*"}}],' + DEST + "}"),
      withRoute('{"id":"r","matches":[{"path":{"exact":"a"}}],' + DEST + "}"),
      withRoute('{"id":"r","matches":[{"path":{"pathPrefix":"a"}}],' + DEST + "}"),
      withRoute('{"id":"r","matches":[{"method":"get"}],' + DEST + "}"),
      withRoute('{"id":"r","matches":[{"headers":[{"name":"X-A","present":true}]}],' + DEST + "}"),
      withRoute('{"id":"r","matches":[{"headers":[{"name":"x","present":false}]}],' + DEST + "}"),
      withRoute('{"id":"r","matches":[{"headers":[{"name":"x"}]}],' + DEST + "}"),
      withRoute('{"id":"r","matches":[{"headers":[{"name":"x","present":true,"absent":true}]}],' + DEST + "}"),
      withRoute('{"id":"r","matches":[{"queryParams":[{"name":"q"}]}],' + DEST + "}"),
      withRoute('{"id":"r","matches":[{"queryParams":[{"name":"q","present":true,"match":{"exact":"a"}}]}],' + DEST + "}"),
      withRoute('{"id":"r","matches":[{"cookies":[]}],' + DEST + "}"),
    ];
    for (let i = 0; i < bad.length; i++) expect(decode(bad[i])).toBeNull(bad[i]);
  });
});

describe("virtual host selection", () => {
  it("tries exact, then the longest wildcard, then *", () => {
    const c = decode('{"virtualHosts":[' +
      '{"name":"a","domains":["r.shop","r.shop:9080"],"routes":[]},' +
      '{"name":"b","domains":["*.shop"],"routes":[]},' +
      '{"name":"c","domains":["*.eu.shop"],"routes":[]},' +
      '{"name":"d","domains":["*"],"routes":[]}]}')!;
    expect(host(c, "r.shop")).toBe(0);
    expect(host(c, "R.Shop")).toBe(0);
    expect(host(c, "r.shop:9080")).toBe(0);
    expect(host(c, "r.shop:1")).toBe(3);
    expect(host(c, "x.shop")).toBe(1);
    expect(host(c, "x.eu.shop")).toBe(2);
    expect(host(c, "shop")).toBe(3);
    expect(host(c, ".shop")).toBe(3);
  });

  it("answers -1 without a * host", () => {
    const c = decode('{"virtualHosts":[{"name":"a","domains":["a"],"routes":[]}]}')!;
    expect(host(c, "b")).toBe(-1);
  });
});

describe("the first-segment index", () => {
  it("keeps the configured order among keyed and unkeyed routes", () => {
    let routes = new Array<string>();
    routes.push('{"id":"r0","matches":[{"path":{"prefix":"/ap"}}],' + DEST + "}");   // unkeyed
    for (let i = 1; i <= 8; i++) routes.push('{"id":"r' + i.toString() + '","matches":[{"path":{"pathPrefix":"/s' + i.toString() + '"}}],' + DEST + "}");
    routes.push('{"id":"r9","matches":[{"path":{"exact":"/api/x"}}],' + DEST + "}");
    routes.push('{"id":"r10","matches":[{"path":{"exact":"/"}}],' + DEST + "}");
    routes.push('{"id":"r11","matches":[{"path":{"regex":{"source":"x","classCount":1,"classes":[' +
      "0,".repeat(255) + '0],"transitions":[0],"accepting":[0]}}}],' + DEST + "}"); // regex: unkeyed, matches all
    const c = decode('{"virtualHosts":[{"name":"h","domains":["*"],"routes":[' + routes.join(",") + "]}]}")!;
    expect(c.virtualHosts[0].index).not.toBeNull();
    expect(routeFor(c, 0, "/api/x")).toBe(0);
    expect(routeFor(c, 0, "/s3/a")).toBe(3);
    expect(routeFor(c, 0, "/s3")).toBe(3);
    expect(routeFor(c, 0, "/s33")).toBe(11);
    expect(routeFor(c, 0, "/")).toBe(10);
    expect(routeFor(c, 0, "/zzz")).toBe(11);
  });
});
