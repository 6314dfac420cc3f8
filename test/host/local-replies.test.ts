// Local replies: deferred until the callback returns, run back through the plugin's own
// response callbacks, first one wins; Envoy's own replies (router, limits) take the same path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { startProbe, probe } from "./probe.ts";

test("a local reply from on_request_headers re-enters on_response_headers and on_response_body", () => {
  const r = probe(startProbe(), "local-reply");
  assert.equal(r.status, 418);
  assert.equal(r.body, "probe says no\n");
  assert.equal(r.headers.get("x-probe-status"), "418");
  assert.equal(r.headers.get("x-probe-reply"), "yes");
  assert.equal(r.localReply!.details, "probe_reply", "whitespace in details becomes _");
  assert.deepEqual(r.stream.callbacks, ["on_request_headers", "on_response_headers", "on_response_body", "on_log", "on_done"]);
  assert.equal(r.upstream, null);
});

test("the first local reply of a stream wins", () => {
  const r = probe(startProbe(), "two-replies");
  assert.equal(r.status, 401);
  assert.equal(r.body, "first\n");
});

test("the router's 404 and 503 pass through the filter's response callbacks", () => {
  const plugin = startProbe();
  const noRoute = probe(plugin, "");
  assert.equal(noRoute.status, 404);
  assert.equal(noRoute.localReply!.details, "route_not_found");
  assert.equal(noRoute.headers.get("x-probe-status"), "404");
  const ghost = probe(plugin, "route", { headers: { "x-probe-cluster": "ghost" } });
  assert.equal(ghost.status, 503);
  assert.equal(ghost.localReply!.details, "cluster_not_found");
});
