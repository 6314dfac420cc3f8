// A refa DFA over bytes as the contract's plain tables: byte classes, a row-major transition
// table with -1 for the dead state, and the accepting states. State 0 starts.
import type { ReadonlyDFA } from "refa";

export interface DfaTables {
  classCount: number;
  classes: number[];
  transitions: number[];
  accepting: number[];
}

export function dfaToTables(dfa: ReadonlyDFA): DfaTables {
  type N = ReadonlyDFA["initial"];
  // Number states in breadth-first order from the start, keeping only those that can still accept.
  const live = liveStates(dfa);
  const index = new Map<N, number>();
  const order: N[] = [];
  const visit = (n: N) => {
    if (live.has(n) && !index.has(n)) {
      index.set(n, order.length);
      order.push(n);
    }
  };
  visit(dfa.initial);
  for (let i = 0; i < order.length; i++) for (const [, to] of order[i].out) visit(to);
  if (order.length === 0) return { classCount: 1, classes: new Array(256).fill(0), transitions: [-1], accepting: [] };

  const targets = order.map(() => new Array<number>(256).fill(-1));
  order.forEach((n, s) => {
    for (const [range, to] of n.out) {
      const t = index.get(to) ?? -1;
      for (let b = range.min; b <= range.max; b++) targets[s][b] = t;
    }
  });
  // Bytes with the same target in every state share a class.
  const classOf = new Map<string, number>();
  const classes: number[] = [];
  const representative: number[] = [];
  for (let b = 0; b < 256; b++) {
    const key = targets.map((row) => row[b]).join(",");
    let c = classOf.get(key);
    if (c === undefined) {
      c = classOf.size;
      classOf.set(key, c);
      representative.push(b);
    }
    classes.push(c);
  }
  const transitions: number[] = [];
  for (const row of targets) for (const b of representative) transitions.push(row[b]);
  const accepting = order.flatMap((n, s) => (dfa.finals.has(n) ? [s] : []));
  return { classCount: classOf.size, classes, transitions, accepting };
}

function liveStates(dfa: ReadonlyDFA): Set<ReadonlyDFA["initial"]> {
  type N = ReadonlyDFA["initial"];
  const all = [...dfa.nodes()];
  const incoming = new Map<N, N[]>();
  for (const n of all) for (const [, to] of n.out) incoming.set(to, [...(incoming.get(to) ?? []), n]);
  const live = new Set<N>(all.filter((n) => dfa.finals.has(n)));
  const stack = [...live];
  while (stack.length > 0) {
    for (const from of incoming.get(stack.pop()!) ?? []) {
      if (!live.has(from)) {
        live.add(from);
        stack.push(from);
      }
    }
  }
  return live;
}
