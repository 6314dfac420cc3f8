// Shared key-value data and queues (cpp-host shared_data.cc / shared_queue.cc): process-wide,
// namespaced by vm_id; every successful set gets a new global CAS (0 skipped).
import { WasmResult } from "./abi/enums.ts";

export class SharedData {
  private readonly data = new Map<string, { value: Buffer; cas: number }>();
  private cas = 0;

  get(vmId: string, key: string): { value: Buffer; cas: number } | undefined {
    return this.data.get(`${vmId}\0${key}`);
  }

  set(vmId: string, key: string, value: Buffer, cas: number): number {
    const k = `${vmId}\0${key}`;
    const existing = this.data.get(k);
    if (cas !== 0 && existing !== undefined && existing.cas !== cas) return WasmResult.CasMismatch;
    this.cas = (this.cas + 1) >>> 0 || 1;
    this.data.set(k, { value, cas: this.cas });
    return WasmResult.Ok;
  }
}

export interface QueueOwner {
  /** Posts proxy_on_queue_ready(root, id) to the registrant's VM (asynchronous). */
  notify(queueId: number): void;
}

export class SharedQueues {
  private readonly byName = new Map<string, number>();
  private readonly queues = new Map<number, { items: Buffer[]; owner: QueueOwner }>();
  private next = 1;

  /** Creates or reopens; the LAST registrant receives the notifications. */
  register(vmId: string, name: string, owner: QueueOwner): number {
    const key = `${vmId}\0${name}`;
    let id = this.byName.get(key);
    if (id === undefined) {
      id = this.next++;
      this.byName.set(key, id);
      this.queues.set(id, { items: [], owner });
    } else this.queues.get(id)!.owner = owner;
    return id;
  }

  resolve(vmId: string, name: string): number | undefined {
    return this.byName.get(`${vmId}\0${name}`);
  }

  enqueue(id: number, data: Buffer): number {
    const q = this.queues.get(id);
    if (q === undefined) return WasmResult.NotFound;
    q.items.push(data);
    q.owner.notify(id);
    return WasmResult.Ok;
  }

  dequeue(id: number): Buffer | number {
    const q = this.queues.get(id);
    if (q === undefined) return WasmResult.NotFound;
    return q.items.shift() ?? WasmResult.Empty;
  }
}
