// auth-policy on the TS host, against the noop floor: rules only; a request whose token is
// already verified (cache hit); and first verification (every token new) for RS256, ES256,
// EdDSA, HS256. RS256's first verification is set against native OpenSSL (`openssl speed
// rsa2048`, run here). Targets (issue 6): cached token < 1.5 µs above the floor; RS256 first
// verification within 6× of OpenSSL. The same scenarios guest only (guest-only.ts: stub host,
// CPU time), where "above the floor" is the filter's own cost without the TS host's.
// Usage: node --import tsx bench/auth-policy/run.ts [--write]   (--write: bench/results/auth-policy.json)
// Bounded: ~60 s (5 runs × ≤ 10,000 requests per scenario, 600 verifications per algorithm, twice).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadavg, cpus } from "node:os";
import { measureFilter } from "../host/measure.ts";
import { projectRoot } from "../../test/support/paths.ts";
import { workload, plain, withToken } from "./scenarios.ts";
import { guestOnly, rs256RatioRounds } from "./guest-only.ts";

function opensslRsaVerifyUs(): number | null {
  try {
    const out = execFileSync("openssl", ["speed", "-seconds", "1", "rsa2048"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 30_000 });
    const line = out.split("\n").find((l) => /^rsa\s+2048 bits/.test(l));
    const perSec = Number(line?.trim().split(/\s+/).at(-1));
    return Number.isFinite(perSec) && perSec > 0 ? 1e6 / perSec : null;
  } catch {
    return null;
  }
}

const w = await workload();
const cfg = w.cfg;
const opts = { iterations: 10_000, runs: 5, warmup: 2_000 };

const results: Record<string, number> = {};
const floor = measureFilter({ filter: "noop", config: "", requests: plain, ...opts }).nsPerRequest;
results["noop (floor)"] = floor;
results["rules only (11 rules, no token)"] = measureFilter({ filter: "auth-policy", config: cfg, requests: plain, ...opts }).nsPerRequest;
const cached = measureFilter({ filter: "auth-policy", config: cfg, requests: [withToken(w.cachedToken)], ...opts }).nsPerRequest;
results["RS256 token already verified (cache hit)"] = cached;

// More distinct tokens than the cache holds, cycled: every request verifies.
const firstVerificationUs: Record<string, number> = {};
for (const [alg, tokens] of Object.entries(w.fresh)) {
  const ns = measureFilter({ filter: "auth-policy", config: cfg, requests: tokens.map(withToken), iterations: 600, runs: 3, warmup: 300 }).nsPerRequest;
  results[`${alg} first verification (every token new)`] = ns;
  firstVerificationUs[alg] = (ns - cached) / 1000;
}

// The filter alone (stub host, CPU time): no host cost for header fetches, properties, metrics.
const g = guestOnly(w);
results["guest only: noop (floor)"] = g.floorNs;
results["guest only: rules only"] = g.rulesNs;
results["guest only: RS256 token already verified (cache hit)"] = g.cachedNs;
const guestFirstUs: Record<string, number> = {};
for (const [alg, ns] of Object.entries(g.firstNs)) {
  results[`guest only: ${alg} first verification`] = ns;
  guestFirstUs[alg] = (ns - g.cachedNs) / 1000;
}

const opensslUs = opensslRsaVerifyUs();
// The target's ratio measured robustly: OpenSSL and the guest-only first verification back to back, 7 rounds.
const ratioRounds = rs256RatioRounds(w, opensslRsaVerifyUs, 7);
const ratioMedian = ratioRounds.length ? [...ratioRounds].sort((a, b) => a - b)[ratioRounds.length >> 1] : null;
console.table(Object.entries(results).map(([scenario, ns]) =>
  ({ scenario, nsPerRequest: ns, overFloor: ns - (scenario.startsWith("guest") ? g.floorNs : floor) })));
const cachedOverFloorUs = (cached - floor) / 1000;
const rsRatio = opensslUs ? firstVerificationUs.RS256 / opensslUs : null;
const guestCachedOverFloorUs = (g.cachedNs - g.floorNs) / 1000;
const guestRsRatio = opensslUs ? guestFirstUs.RS256 / opensslUs : null;
console.log(`cached token: ${cachedOverFloorUs.toFixed(2)} µs above the floor on the TS host, ${guestCachedOverFloorUs.toFixed(2)} µs guest only (target < 1.5)`);
console.log(`host calls of a cached-token request: ${JSON.stringify(g.cachedCalls)}`);
console.log(`RS256 first verification ≈ ${firstVerificationUs.RS256.toFixed(1)} µs; openssl rsa2048 verify ${opensslUs?.toFixed(1) ?? "n/a"} µs` +
  (rsRatio ? `; ratio ${rsRatio.toFixed(2)} (target ≤ 6)` : "") +
  (guestRsRatio ? `; guest only ${guestFirstUs.RS256.toFixed(1)} µs, ratio ${guestRsRatio.toFixed(2)}` : ""));
console.log(`RS256 first verification guest only ÷ OpenSSL, back to back per round: ${ratioRounds.join(", ")}; median ${ratioMedian} (target ≤ 6)`);
if (process.argv.includes("--write")) {
  writeFileSync(join(projectRoot, "bench", "results", "auth-policy.json"), JSON.stringify({
    date: new Date().toISOString(), node: process.version, cpus: cpus().length,
    // The host is shared: a load average above the CPU count inflates every number here.
    loadAverage1m: +loadavg()[0].toFixed(2), results,
    cachedTokenOverFloorUs: +cachedOverFloorUs.toFixed(3),
    firstVerificationUs: Object.fromEntries(Object.entries(firstVerificationUs).map(([k, v]) => [k, +v.toFixed(1)])),
    opensslRsa2048VerifyUs: opensslUs === null ? null : +opensslUs.toFixed(2),
    rs256VsOpenssl: rsRatio === null ? null : +rsRatio.toFixed(2),
    guestOnly: {
      cachedTokenOverFloorUs: +guestCachedOverFloorUs.toFixed(3),
      cachedTokenHostCalls: g.cachedCalls,
      firstVerificationUs: Object.fromEntries(Object.entries(guestFirstUs).map(([k, v]) => [k, +v.toFixed(1)])),
      rs256VsOpenssl: guestRsRatio === null ? null : +guestRsRatio.toFixed(2),
    },
    // Per round: OpenSSL then the guest-only RS256 first verification, back to back (drift cancels).
    rs256VsOpensslRounds: { ratios: ratioRounds, median: ratioMedian },
  }, null, 2) + "\n");
}
