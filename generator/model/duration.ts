// Durations as users write them ("2s", "500ms", "1m30s") → milliseconds.
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, ns: 0.000001 };

export function durationMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|ns)/gy;
  let total = 0, m: RegExpExecArray | null, end = 0;
  while ((m = re.exec(text)) !== null) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    end = re.lastIndex;
  }
  return end === text.length && end > 0 ? Math.round(total) : undefined;
}
