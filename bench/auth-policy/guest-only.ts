// auth-policy's own cost per request, guest only (bench/support/guest-only.ts: stub host
// imports, CPU time): the noop floor, rules only, a cached token, first verification per
// algorithm. On the TS host the "above floor" figure also counts the host's cost of every
// header fetch, property write and metric; this one does not.
// Also a profiling entry: node --cpu-prof --import tsx bench/auth-policy/guest-only.ts
//   --scenario cached|rules|RS256|ES256|EdDSA|HS256 [--wasm build/debug/auth-policy.wasm] [--n 200000]
import { loadGuest, type HeaderList } from "../support/guest-only.ts";
import { workload, plain, withToken, type Workload } from "./scenarios.ts";

const CONTINUE = 0;

const asPairs = (r: { path: string; authority: string; headers: Record<string, string> }): HeaderList =>
  [[":authority", r.authority], [":path", r.path], [":method", "GET"], [":scheme", "http"], ...Object.entries(r.headers)];

export interface GuestResults {
  floorNs: number;
  rulesNs: number;
  cachedNs: number;
  /** Host calls of one cached-token request, by import. */
  cachedCalls: Record<string, number>;
  firstNs: Record<string, number>;
}

export function guestOnly(w: Workload, wasm?: string): GuestResults {
  const auth = loadGuest("auth-policy", JSON.stringify(w.cfg), { wasm });
  const cached = asPairs(withToken(w.cachedToken));
  const trace = auth.trace(cached);
  if (trace.action !== CONTINUE || trace.calls.proxy_send_local_response) throw new Error("the cached-token request was not allowed");
  const firstNs: Record<string, number> = {};
  for (const [alg, tokens] of Object.entries(w.fresh)) {
    const requests = tokens.map((t) => asPairs(withToken(t)));
    if (auth.trace(requests[0]).action !== CONTINUE) throw new Error(`${alg}: a fresh token was not allowed`);
    firstNs[alg] = auth.nsPerRequest(requests, alg === "HS256" ? 6000 : 600, 3);
  }
  return {
    floorNs: loadGuest("noop", "{}").nsPerRequest(plain.map(asPairs), 50_000),
    rulesNs: auth.nsPerRequest(plain.map(asPairs), 50_000),
    cachedNs: auth.nsPerRequest([cached], 50_000),
    cachedCalls: trace.calls,
    firstNs,
  };
}

/**
 * RS256 first verification guest only against OpenSSL, measured back to back in each of `rounds`
 * rounds so the machine's drift (a shared VM) cancels out of each round's ratio.
 */
export function rs256RatioRounds(w: Workload, opensslUs: () => number | null, rounds: number): number[] {
  const auth = loadGuest("auth-policy", JSON.stringify(w.cfg));
  const cached = [asPairs(withToken(w.cachedToken))];
  const fresh = (w.fresh as Record<string, string[]>).RS256.map((t) => asPairs(withToken(t)));
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const native = opensslUs();
    if (native === null) return [];
    const firstUs = (auth.nsPerRequest(fresh, 600, 3) - auth.nsPerRequest(cached, 20_000, 3)) / 1000;
    ratios.push(+(firstUs / native).toFixed(2));
  }
  return ratios;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i < 0 ? undefined : process.argv[i + 1]; };
  const w = await workload();
  const scenario = arg("scenario");
  if (scenario === undefined) {
    console.log(guestOnly(w, arg("wasm")));
  } else {
    const auth = loadGuest("auth-policy", JSON.stringify(w.cfg), { wasm: arg("wasm") });
    const requests = scenario === "cached" ? [asPairs(withToken(w.cachedToken))]
      : scenario === "rules" ? plain.map(asPairs)
      : (w.fresh as Record<string, string[]>)[scenario].map((t) => asPairs(withToken(t)));
    console.log(auth.trace(requests[0]));
    console.log(`${scenario}: ${auth.nsPerRequest(requests, Number(arg("n") ?? 100_000), 1)} ns/request (CPU)`);
  }
}
