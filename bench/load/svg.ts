// bench/results/load.svg: for each metric, the three configurations' medians as ratios to
// router-only (bars) with the min–max of the rounds (whiskers). No dependencies: plain SVG text.
import type { ConfigSummary } from "./summary.ts";

interface LoadResult {
  date: string;
  machine: { nproc: number; cpuModel: string; loadAverageAtStart: number[] };
  versions: { envoy: string };
  setup: { connections: number };
  configs: Record<string, ConfigSummary>;
}

const METRICS = [["rps", "requests/s"], ["cpuPer10k", "CPU s / 10k req"], ["p50Us", "p50 latency"], ["p99Us", "p99 latency"]] as const;
const COLORS: Record<string, string> = { router: "#9aa5b1", wasm: "#2f80ed", native: "#f2994a" };
const W = 720, H = 360, LEFT = 50, TOP = 50, PLOT_H = 230, GROUP_W = 160, BAR_W = 36;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

export function loadSvg(r: LoadResult): string {
  const names = Object.keys(r.configs);
  const top = Math.max(1.5, ...names.flatMap((n) => METRICS.map(([m]) => r.configs[n].ratio[m].max))) * 1.1;
  const y = (v: number) => Math.round((TOP + PLOT_H - (v / top) * PLOT_H) * 10) / 10;
  const parts: string[] = [];
  parts.push(`<text x="${LEFT}" y="22" font-size="15" font-weight="bold">Envoy load, ${r.setup.connections} connection${r.setup.connections === 1 ? "" : "s"}: ratio to router-only (median, min–max of rounds)</text>`);
  parts.push(`<text x="${LEFT}" y="40" font-size="11" fill="#555">${esc(`${r.date.slice(0, 10)} · ${r.machine.nproc} × ${r.machine.cpuModel} · load ${r.machine.loadAverageAtStart[0]} · Envoy ${/\d+\.\d+\.\d+/.exec(r.versions.envoy)?.[0] ?? r.versions.envoy}`)}</text>`);
  for (const tick of [0, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5].filter((t) => t <= top)) {
    parts.push(`<line x1="${LEFT}" x2="${W - 10}" y1="${y(tick)}" y2="${y(tick)}" stroke="${tick === 1 ? "#333" : "#ddd"}"${tick === 1 ? ' stroke-dasharray="4 3"' : ""}/>`);
    parts.push(`<text x="${LEFT - 6}" y="${y(tick) + 4}" font-size="11" text-anchor="end">${tick}×</text>`);
  }
  METRICS.forEach(([m, label], g) => {
    const x0 = LEFT + 20 + g * GROUP_W;
    names.forEach((n, i) => {
      const s = r.configs[n].ratio[m], x = x0 + i * (BAR_W + 6);
      parts.push(`<rect x="${x}" y="${y(s.median)}" width="${BAR_W}" height="${y(0) - y(s.median)}" fill="${COLORS[n] ?? "#888"}"><title>${n} ${label}: ${s.median}× (${s.min}–${s.max})</title></rect>`);
      const cx = x + BAR_W / 2;
      parts.push(`<line x1="${cx}" x2="${cx}" y1="${y(s.min)}" y2="${y(s.max)}" stroke="#000"/>`);
      parts.push(`<text x="${cx}" y="${y(s.max) - 4}" font-size="10" text-anchor="middle">${s.median.toFixed(2)}</text>`);
    });
    parts.push(`<text x="${x0 + (names.length * (BAR_W + 6)) / 2 - 3}" y="${TOP + PLOT_H + 18}" font-size="12" text-anchor="middle">${label}</text>`);
  });
  names.forEach((n, i) => {
    const x = LEFT + 20 + i * 150;
    parts.push(`<rect x="${x}" y="${H - 28}" width="12" height="12" fill="${COLORS[n] ?? "#888"}"/><text x="${x + 18}" y="${H - 18}" font-size="12">${esc(n === "router" ? "router only" : n === "wasm" ? "wasmesh filters" : "native equivalents")}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">\n<rect width="${W}" height="${H}" fill="#fff"/>\n${parts.join("\n")}\n</svg>\n`;
}
