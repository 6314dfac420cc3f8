// Sample requests for the explain-agreement test, each with the route the fixture meant it to hit
// (null: no route, 404; with `rejected`: a 400 before routing). The test checks explain and real Envoy agree, and that they agree on
// this route, so every feature named in the comment is really exercised.
export interface Case {
  method: string;
  /** http://<authority><raw path and query>, sent to Envoy byte for byte. */
  url: string;
  headers?: string[];
  route: string | null;
  /** The sidecar refuses the path with 400 before routing. */
  rejected?: true;
}

const web = (n: number) => `vs/shop/web/r${n}`;
const api = (n: number) => `vs/shop/api/r${n}`;
const partners = "vs/shop/partners/r0";

export const CASES: Case[] = [
  // exact path; the query takes no part; exact does not match a longer path
  { method: "GET", url: "http://web/health", route: web(0) },
  { method: "GET", url: "http://web/health?x=1", route: web(0) },
  { method: "GET", url: "http://web/health/x", route: null },
  // regex path, full match
  { method: "GET", url: "http://web/items/42", route: web(1) },
  { method: "GET", url: "http://web/items/4a", route: null },
  // ignoreUriCase prefix
  { method: "GET", url: "http://web/DOCS/intro", route: web(2) },
  { method: "GET", url: "http://web/docs", route: web(2) },
  // segment-aware pathPrefix vs plain character prefix
  { method: "GET", url: "http://web/seg", route: web(3) },
  { method: "GET", url: "http://web/seg/a/b", route: web(3) },
  { method: "GET", url: "http://web/segment", route: null },
  { method: "GET", url: "http://web/apple", route: web(10) },
  // headers: exact + prefix in one alternative, suffix, regex; values are case-sensitive
  { method: "GET", url: "http://web/x", headers: ["x-exact: yes", "x-pre: abc"], route: web(4) },
  { method: "GET", url: "http://web/x", headers: ["x-exact: yes", "x-pre: zz"], route: null },
  { method: "GET", url: "http://web/x", headers: ["x-exact: YES", "x-pre: ab"], route: null },
  { method: "GET", url: "http://web/x", headers: ["x-suf: data.json"], route: web(4) },
  { method: "GET", url: "http://web/x", headers: ["x-re: v1.22"], route: web(4) },
  { method: "GET", url: "http://web/x", headers: ["x-re: v1.x"], route: null },
  // a repeated header: one of its values satisfies the condition
  { method: "GET", url: "http://web/x", headers: ["x-suf: a.json", "x-suf: b"], route: web(4) },
  // present and absent
  { method: "GET", url: "http://web/pa", headers: ["x-here: 1"], route: web(5) },
  { method: "GET", url: "http://web/pa", headers: ["x-here: 1", "x-gone: 1"], route: null },
  { method: "GET", url: "http://web/pa", route: null },
  // withoutHeaders (inverted header condition), then first-match falls through to /w
  { method: "GET", url: "http://web/wo", route: web(6) },
  { method: "GET", url: "http://web/wo", headers: ["x-block: 2"], route: web(6) },
  { method: "GET", url: "http://web/wo", headers: ["x-block: 1"], route: web(9) },
  // query parameters: present (bare key) + exact, prefix, regex; raw values
  { method: "GET", url: "http://web/q?debug&mode=fast", route: web(7) },
  { method: "GET", url: "http://web/q?debug=1&mode=slow", route: null },
  { method: "GET", url: "http://web/q?tag=blueberry", route: web(7) },
  { method: "GET", url: "http://web/q?id=cafe", route: web(7) },
  { method: "GET", url: "http://web/q?id=xyz", route: null },
  { method: "GET", url: "http://web/q?tag=%62lue", route: null },
  { method: "GET", url: "http://web/q?id=ca+fe", route: null },
  // method
  { method: "POST", url: "http://web/submit", route: web(8) },
  { method: "GET", url: "http://web/submit", route: null },
  // weighted destinations 0/100
  { method: "GET", url: "http://web/wide", route: web(9) },
  // most-specific order: exact, then method, then the longer pathPrefix, then the shorter
  { method: "GET", url: "http://api/v1/orders/x", route: api(2) },
  { method: "DELETE", url: "http://api/v1/orders/7", route: api(3) },
  { method: "GET", url: "http://api/v1/orders/7", route: api(1) },
  { method: "GET", url: "http://api/v1/ordersx", route: api(0) },
  { method: "GET", url: "http://api/v2", route: null },
  // virtual hosts: other names of a service, ports, case, wildcard hosts, unknown hosts
  { method: "GET", url: "http://api.shop.svc.cluster.local:80/v1", route: api(0) },
  { method: "GET", url: "http://WEB.Shop/health", route: web(0) },
  { method: "GET", url: "http://web:8080/health", route: null },
  { method: "GET", url: "http://shop.partners.test/p", route: partners },
  { method: "GET", url: "http://a.b.partners.test/pz", route: partners },
  { method: "GET", url: "http://partners.test/p", route: null },
  { method: "GET", url: "http://unknown/health", route: null },
  // an authority condition sees the Host header as sent, with its port; exact ignores case, a regex not
  { method: "GET", url: "http://web/auth", route: web(11) },
  { method: "GET", url: "http://web:80/auth", route: null },
  { method: "GET", url: "http://Web/auth", route: web(11) },
  { method: "GET", url: "http://web/areg", route: web(12) },
  { method: "GET", url: "http://WEB/areg", route: null },
  { method: "GET", url: "http://web.shop/areg", route: null },
  { method: "GET", url: "http://web/authx", headers: ["x-exact: yes", "x-pre: ab"], route: web(4) },
  // the path as Envoy normalizes it: dot segments, merged slashes, decoded unreserved characters
  { method: "GET", url: "http://web/docs/../health", route: web(0) },
  { method: "GET", url: "http://web//seg", route: web(3) },
  { method: "GET", url: "http://web/%68ealth", route: web(0) },
  { method: "GET", url: "http://web/seg/%2e%2e/health", route: web(0) },
  { method: "GET", url: "http://web/seg%2Fx", route: null, rejected: true },
  { method: "GET", url: "http://web/seg/%2e%2e;/x", route: null, rejected: true },
  // more edges: first occurrence of a query name, empty header value, header name case,
  // wildcard host with port, trailing slash on a segment prefix, decoded escapes before a regex
  { method: "GET", url: "http://web/q?tag=red&tag=blueberry", route: null },
  { method: "GET", url: "http://web/q?tag=blueberry&tag=red", route: web(7) },
  { method: "GET", url: "http://web/pa", headers: ["x-here:"], route: web(5) },
  { method: "GET", url: "http://web/x", headers: ["X-Exact: yes", "X-PRE: abc"], route: web(4) },
  { method: "GET", url: "http://shop.partners.test:80/p", route: partners },
  { method: "GET", url: "http://shop.partners.test:8080/p", route: null },
  { method: "GET", url: "http://web/seg/", route: web(3) },
  { method: "GET", url: "http://web/SEG", route: null },
  { method: "GET", url: "http://web/items/%34%32", route: web(1) },
  { method: "GET", url: "http://web/health#top", route: null, rejected: true },
];
