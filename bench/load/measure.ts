// One measured run: wrk against one Envoy, with the CPU time that Envoy (and, kept apart, the
// upstream) used while wrk ran, read from /proc.
import { cpuSeconds } from "./proc-stat.ts";
import { runWrk } from "./wrk.ts";

export interface Run {
  rps: number;
  cpuPer10k: number;
  p50Us: number;
  p99Us: number;
  upstreamCpuPer10k: number;
  requests: number;
  errors: number;
}

export async function measure(port: number, pid: number, upstreamPid: number, connections: number, seconds: number): Promise<Run> {
  const [cpu0, up0] = [cpuSeconds(pid), cpuSeconds(upstreamPid)];
  const w = await runWrk(port, connections, seconds);
  const [cpu1, up1] = [cpuSeconds(pid), cpuSeconds(upstreamPid)];
  const per10k = (s: number) => (s / w.requests) * 10_000;
  return {
    rps: w.requests / (w.duration_us / 1e6),
    cpuPer10k: per10k(cpu1 - cpu0),
    p50Us: w.p50_us,
    p99Us: w.p99_us,
    upstreamCpuPer10k: per10k(up1 - up0),
    requests: w.requests,
    errors: Object.values(w.errors).reduce((a, b) => a + b, 0),
  };
}
