// A/B of two auth-policy builds, guest only, interleaved in one process (the machine is
// shared: alternating runs see the same load). For the before/after figures of speed work.
// Usage: node --import tsx bench/auth-policy/ab.ts <a.wasm> <b.wasm> [scenario ...]
//   scenarios: rules, cached, RS256, ES256, EdDSA, HS256 (default: rules cached RS256)
import { loadGuest, type HeaderList } from "../support/guest-only.ts";
import { workload, plain, withToken } from "./scenarios.ts";

const asPairs = (r: { path: string; authority: string; headers: Record<string, string> }): HeaderList =>
  [[":authority", r.authority], [":path", r.path], [":method", "GET"], [":scheme", "http"], ...Object.entries(r.headers)];

const [a, b, ...rest] = process.argv.slice(2);
const scenarios = rest.length > 0 ? rest : ["rules", "cached", "RS256"];
const w = await workload();
const guests = [a, b].map((wasm) => loadGuest("auth-policy", JSON.stringify(w.cfg), { wasm }));
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
for (const s of scenarios) {
  const requests = s === "cached" ? [asPairs(withToken(w.cachedToken))] : s === "rules" ? plain.map(asPairs)
    : (w.fresh as Record<string, string[]>)[s].map((t) => asPairs(withToken(t)));
  const n = s === "rules" || s === "cached" || s === "HS256" ? 20_000 : 300;
  const samples: number[][] = [[], []];
  for (let r = 0; r < 7; r++) for (const i of [0, 1]) samples[i].push(guests[i].nsPerRequest(requests, n, 1));
  const [ma, mb] = samples.map(median);
  console.log(`${s.padEnd(7)} A ${ma} ns  B ${mb} ns  (${(((mb - ma) / ma) * 100).toFixed(1)}%)`);
}
