// A line diff in unified format (Myers' O(ND) algorithm), enough for `wasmesh diff` output.

type Op = { kind: " " | "-" | "+"; line: string };

function lines(text: string): string[] {
  if (text === "") return [];
  const out = text.split("\n");
  if (out[out.length - 1] === "") out.pop();
  return out;
}

/** Shortest edit script between a and b (Myers), as keep/delete/insert operations. */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length, m = b.length, max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? v.get(k + 1)! : v.get(k - 1)! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v.set(k, x);
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: Op[] = [];
  let x = n, y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d], k = x - y;
    const prevK = k === -d || (k !== d && (vd.get(k - 1) ?? -1) < (vd.get(k + 1) ?? -1)) ? k + 1 : k - 1;
    const prevX = vd.get(prevK) ?? 0, prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ kind: " ", line: a[--x] }), y--;
    if (d > 0) {
      if (x === prevX) ops.push({ kind: "+", line: b[--y] });
      else ops.push({ kind: "-", line: a[--x] });
    }
  }
  return ops.reverse();
}

/** `--- a/<path>` / `+++ b/<path>` and hunks with `context` lines around each change. */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined, context = 3): string {
  const ops = editScript(lines(before ?? ""), lines(after ?? ""));
  const out = [`--- ${before === undefined ? "/dev/null" : `a/${path}`}`, `+++ ${after === undefined ? "/dev/null" : `b/${path}`}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].kind === " ") { i++; continue; }
    let start = Math.max(0, i - context), end = i;
    // extend the hunk while the next change is within 2*context lines
    for (let j = i; j < ops.length; j++) {
      if (ops[j].kind !== " ") end = j;
      else if (j - end > 2 * context) break;
    }
    end = Math.min(ops.length - 1, end + context);
    let aStart = 1, bStart = 1;
    for (let j = 0; j < start; j++) { if (ops[j].kind !== "+") aStart++; if (ops[j].kind !== "-") bStart++; }
    const hunk = ops.slice(start, end + 1);
    const aLen = hunk.filter((o) => o.kind !== "+").length, bLen = hunk.filter((o) => o.kind !== "-").length;
    out.push(`@@ -${aLen ? aStart : aStart - 1},${aLen} +${bLen ? bStart : bStart - 1},${bLen} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
    i = end + 1;
  }
  return out.join("\n") + "\n";
}
