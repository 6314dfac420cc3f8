// Traps under each failure policy, like Envoy 1.40: the trapping stream gets 503
// wasm_fail_stream; later streams get 503 (FAIL_CLOSED), skip the filter (FAIL_OPEN) or a fresh VM
// after the backoff (FAIL_RELOAD). No guest callback runs on a failed VM.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startProbe, probe } from "./probe.ts";

test("FAIL_CLOSED: 503 with details wasm_fail_stream, now and for later requests; no more callbacks", () => {
  const plugin = startProbe({ failurePolicy: "FAIL_CLOSED" });
  const trapped = probe(plugin, "trap");
  assert.equal(trapped.status, 503);
  assert.equal(trapped.body, "");
  assert.equal(trapped.localReply!.details, "wasm_fail_stream");
  assert.deepEqual(trapped.stream.callbacks, ["on_request_headers"], "no on_log/on_done on a failed VM");
  assert.ok(plugin.logs.some((l) => l.level === "error" && /proxy_on_request_headers failed: Uncaught RuntimeError: unreachable/.test(l.text)));
  const later = probe(plugin, "size");
  assert.equal(later.status, 503);
  assert.deepEqual(later.stream.callbacks, []);
});

test("FAIL_OPEN: the trapping request still gets 503; later requests bypass the filter", () => {
  const plugin = startProbe({ failurePolicy: "FAIL_OPEN" });
  assert.equal(probe(plugin, "trap").status, 503);
  const later = probe(plugin, "size");
  assert.equal(later.status, 404, "untagged: the router has no route");
  assert.equal(later.headers.get("x-probe-status"), undefined);
});

test("FAIL_RELOAD: 503 during the backoff, then a fresh VM (start sequence again, state lost)", () => {
  const plugin = startProbe({ failurePolicy: "FAIL_RELOAD", reloadBackoffMs: 1000 });
  probe(plugin, "local-reply");
  assert.equal(probe(plugin, "trap").status, 503);
  assert.equal(probe(plugin, "size").status, 503, "inside the backoff");
  plugin.advanceTime(1000);
  const after = probe(plugin, "size");
  assert.equal(after.status, 200);
  assert.equal(plugin.logs.filter((l) => l.message === "probe: configured").length, 4, "canary, main thread, worker, reloaded worker");
  assert.equal(after.stream.contextId, 2, "fresh VM: context ids start over");
});

test("only the failed worker is affected", () => {
  const plugin = startProbe({ workers: 2 });
  probe(plugin, "trap", { worker: 0 });
  assert.equal(probe(plugin, "size", { worker: 0 }).status, 503);
  assert.equal(probe(plugin, "size", { worker: 1 }).status, 200);
});
