// The scenario comparison masks only what differs by nature between engines in log lines.
import { test } from "node:test";
import assert from "node:assert/strict";
import { normalizeLogLine } from "./scenario-kit/volatile-log.ts";

test("dates, uuids, loopback ports and duration values are masked; presence and the rest are not", () => {
  const envoy = '[2026-11-25 08:00:00.000][12][info][wasm] [ctx.cc:1] wasm log a a a: {"start_time":"2026-11-25T08:00:00.123Z","duration":12,"upstream_duration":3,"request_id":"0af76519-16cd-43dd-8448-eb211c80319c","upstream_host":"127.0.0.1:39111"}';
  const host = 'wasm log a a a: {"start_time":"2026-11-25T09:10:11.000Z","duration":0,"upstream_duration":0,"request_id":"11111111-2222-4333-8444-555555555555","upstream_host":"127.0.0.1:8080"}';
  assert.equal(normalizeLogLine(envoy), normalizeLogLine(host));
  assert.notEqual(normalizeLogLine(host), normalizeLogLine(host.replace('"upstream_duration":0', '"upstream_duration":null')));
  assert.notEqual(normalizeLogLine(host), normalizeLogLine(host.replace("127.0.0.1:8080", "10.0.0.1:8080")));
  assert.equal(normalizeLogLine("wasm log x: GET / 200 ms=17 rx=0"), "wasm log x: GET / 200 ms=<ms> rx=0");
  const istio = 'wasm log x: [2026-11-25T08:00:00.123Z] "GET / HTTP/1.1" 200 - via_upstream - "-" 0 275 4 2 "-" "-"';
  assert.equal(normalizeLogLine(istio), 'wasm log x: [<time>] "GET / HTTP/1.1" 200 - via_upstream - "-" 0 275 <ms> <ms> "-" "-"');
});
