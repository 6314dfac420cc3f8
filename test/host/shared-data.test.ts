// Shared data and queues with cpp-host's rules: CAS per successful set, vm_id namespaces,
// Empty when a queue is drained, notifications to the last registrant.
import { test } from "node:test";
import assert from "node:assert/strict";
import { SharedData, SharedQueues } from "../../host/shared-data.ts";
import { WasmResult } from "../../host/index.ts";

test("set with cas 0 always writes; a stale cas is CasMismatch; an absent key is created whatever the cas", () => {
  const d = new SharedData();
  assert.equal(d.set("vm", "k", Buffer.from("1"), 12345), WasmResult.Ok, "absent key: cas ignored");
  const first = d.get("vm", "k")!;
  assert.equal(d.set("vm", "k", Buffer.from("2"), first.cas), WasmResult.Ok);
  assert.equal(d.set("vm", "k", Buffer.from("3"), first.cas), WasmResult.CasMismatch);
  assert.equal(d.set("vm", "k", Buffer.from("4"), 0), WasmResult.Ok);
  assert.equal(d.get("vm", "k")!.value.toString(), "4");
  assert.ok(d.get("vm", "k")!.cas > first.cas);
  assert.equal(d.get("other-vm", "k"), undefined, "namespaced by vm_id");
});

test("queues: FIFO, Empty when drained, NotFound for unknown ids, the last registrant is notified", () => {
  const q = new SharedQueues();
  const seen: string[] = [];
  const id = q.register("vm", "jobs", { notify: () => seen.push("first") });
  assert.equal(q.register("vm", "jobs", { notify: () => seen.push("second") }), id, "reopened, same id");
  assert.notEqual(id, 0);
  assert.equal(q.resolve("vm", "jobs"), id);
  assert.equal(q.resolve("vm", "nope"), undefined);
  q.enqueue(id, Buffer.from("a"));
  q.enqueue(id, Buffer.from("b"));
  assert.deepEqual(seen, ["second", "second"]);
  assert.equal((q.dequeue(id) as Buffer).toString(), "a");
  assert.equal((q.dequeue(id) as Buffer).toString(), "b");
  assert.equal(q.dequeue(id), WasmResult.Empty);
  assert.equal(q.enqueue(999, Buffer.from("x")), WasmResult.NotFound);
});
