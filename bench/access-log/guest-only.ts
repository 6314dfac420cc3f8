// The filter's own cost per record: the access-log wasm with stub imports (bench/support/
// stub-guest.ts) against noop on the same stubs, so the figure leaves out what a real host spends
// answering each host call. Scenarios run interleaved, several rounds; CPU time, medians.
// Also counts the host calls each record makes.
// Usage: node --import tsx bench/access-log/guest-only.ts [--requests N] [--rounds R]
//   [--variant name=path/to/access-log.wasm ...]   (A/B: other builds of the filter, same run)
import { wasmPath } from "../../test/support/paths.ts";
import { StubGuest } from "../support/stub-guest.ts";
import { requestHeaders, responseHeaders, properties, scenarios } from "./scenarios.ts";

export interface GuestOnlyResult {
  nsPerRecord: Record<string, number>;
  nsAboveFloor: Record<string, number>;
  /** Host calls per record by import name, per scenario. */
  hostCalls: Record<string, Record<string, number>>;
  /** With variants: per scenario and variant, the median over rounds of (this build − variant) in ns. */
  differences: Record<string, number>;
}

const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) * 1000; };

function guest(wasm: string, config: object, count = false): StubGuest {
  return new StubGuest(wasm, { config: JSON.stringify(config), headerMaps: { 0: requestHeaders, 2: responseHeaders }, properties }, count);
}

/** One finished request: context create → request/response headers → on_log → done → delete. */
function driver(g: StubGuest): (n: number) => void {
  const e = g.exports;
  let id = 2;
  return (n) => {
    for (let i = 0; i < n; i++, id++) {
      e.proxy_on_context_create(id, 1);
      e.proxy_on_request_headers(id, requestHeaders.length, 1);
      e.proxy_on_response_headers(id, responseHeaders.length, 1);
      e.proxy_on_log(id);
      e.proxy_on_done(id);
      e.proxy_on_delete(id);
      if (g.pendingCalls > 0 && id % 100 === 0) g.answerCalls();
    }
  };
}

export function measureGuestOnly(requests = 50_000, rounds = 7, variants: Record<string, string> = {}): GuestOnlyResult {
  const cases: [string, string, object][] = [];
  for (const [name, s] of Object.entries(scenarios)) {
    cases.push([name, wasmPath(s.wasm), s.config]);
    if (s.wasm !== "access-log") continue;
    for (const [v, path] of Object.entries(variants)) cases.push([`${name} [${v}]`, path, s.config]);
  }
  const runs = cases.map(([name, wasm, config]) => ({ name, run: driver(guest(wasm, config)), ns: [] as number[] }));
  const byName = new Map(runs.map((r) => [r.name, r]));
  for (const r of runs) r.run(10_000);
  for (let round = 0; round < rounds; round++) {
    for (const r of runs) {
      const t0 = cpuNow();
      r.run(requests);
      r.ns.push((cpuNow() - t0) / requests);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const nsPerRecord = Object.fromEntries(runs.map((r) => [r.name, Math.round(median(r.ns))]));
  const floor = nsPerRecord["noop (floor)"];
  const nsAboveFloor = Object.fromEntries(Object.entries(nsPerRecord).map(([k, v]) => [k, v - floor]));
  // Neighbouring runs share the machine's load, so paired differences are steadier than medians.
  const differences: Record<string, number> = {};
  for (const r of runs) {
    const m = r.name.match(/^(.*) \[(.*)\]$/);
    if (!m) continue;
    const own = byName.get(m[1])!;
    differences[`${m[1]}: this build − ${m[2]}`] = Math.round(median(own.ns.map((ns, i) => ns - r.ns[i])));
  }
  const hostCalls: Record<string, Record<string, number>> = {};
  for (const [name, wasm, config] of cases) {
    const g = guest(wasm, config, true);
    driver(g)(100);
    hostCalls[name] = Object.fromEntries([...g.calls].map(([k, v]) => [k, v / 100]));
  }
  return { nsPerRecord, nsAboveFloor, hostCalls, differences };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name: string, d: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : d);
  const variants: Record<string, string> = {};
  args.forEach((a, i) => { if (a === "--variant") { const [k, p] = args[i + 1].split("="); variants[k] = p; } });
  const r = measureGuestOnly(opt("--requests", 50_000), opt("--rounds", 7), variants);
  console.table(Object.keys(r.nsPerRecord).map((k) => ({ scenario: k, nsPerRecord: r.nsPerRecord[k], nsAboveFloor: r.nsAboveFloor[k],
    hostCalls: Object.entries(r.hostCalls[k]).map(([n, c]) => `${n.replace(/^proxy_/, "")} ${c}`).join(", ") })));
  if (Object.keys(r.differences).length > 0) console.table(r.differences);
}
