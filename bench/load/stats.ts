// Median and spread of a handful of runs.
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function spread(runs: number[]): Spread {
  const s = [...runs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { median: round(median), min: round(s[0]), max: round(s[s.length - 1]), runs: runs.map(round) };
}
