// Envoy's stats for proxy_define_metric: process-wide (all worker VMs share one stat per name),
// ids per VM with the type in the low two bits (counters 4, 8…; gauges 5, 9…; histograms 6, 10…).
import { MetricType, WasmResult } from "./abi/enums.ts";

export interface Metric {
  name: string;
  type: number;
  value: bigint;
  samples: bigint[];
}

export class MetricStore {
  readonly byName = new Map<string, Metric>();

  define(type: number, name: string): Metric {
    let m = this.byName.get(name);
    if (m === undefined) {
      m = { name, type, value: 0n, samples: [] };
      this.byName.set(name, m);
    }
    return m;
  }

  /** Prometheus exposition names: `wasmcustom.` stripped, no `envoy_` prefix, `.`/`-` → `_`. */
  prometheus(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const m of this.byName.values()) {
      if (m.type === MetricType.Histogram) continue;
      out[prometheusName(m.name)] = Number(m.value);
    }
    return out;
  }
}

export function prometheusName(name: string): string {
  return name.replace(/[^a-zA-Z0-9_:]/g, "_");
}

/** One VM's view: its own ids mapped onto the shared stats. */
export class VmMetrics {
  private readonly ids = new Map<number, Metric>();
  private next = 1;

  constructor(private readonly store: MetricStore) {}

  define(type: number, name: string): number | null {
    if (type > MetricType.Histogram) return null;
    const id = (this.next++ << 2) | type;
    this.ids.set(id, this.store.define(type, name));
    return id;
  }

  increment(id: number, delta: bigint): number {
    const m = this.ids.get(id);
    if (m === undefined) return WasmResult.NotFound;
    if (m.type === MetricType.Counter) {
      if (delta <= 0n) return WasmResult.BadArgument;
      m.value += delta;
    } else if (m.type === MetricType.Gauge) {
      m.value += delta;
    } else return WasmResult.BadArgument;
    return WasmResult.Ok;
  }

  record(id: number, value: bigint): number {
    const m = this.ids.get(id);
    if (m === undefined) return WasmResult.NotFound;
    const v = BigInt.asUintN(64, value);
    if (m.type === MetricType.Counter) m.value += v;
    else if (m.type === MetricType.Gauge) m.value = v;
    else m.samples.push(v);
    return WasmResult.Ok;
  }

  get(id: number): bigint | number {
    const m = this.ids.get(id);
    if (m === undefined) return WasmResult.NotFound;
    if (m.type === MetricType.Histogram) return WasmResult.BadArgument;
    return m.value;
  }
}
