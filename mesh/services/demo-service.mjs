// A demo service for the local mesh: answers every request with who it is, and (when CALLS is
// set) what the services it calls answered, reached through its own sidecar's outbound listener.
// Environment: SERVICE, VERSION, ADDRESS, PORT, OUTBOUND (http://host:port of the sidecar's
// outbound listener), CALLS (comma-separated `host` or `host/path` to call per request).
import http from "node:http";

const name = process.env.SERVICE ?? "demo";
const version = process.env.VERSION ?? "v1";
const address = process.env.ADDRESS ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 8080);
const outbound = process.env.OUTBOUND ? new URL(process.env.OUTBOUND) : null;
const calls = (process.env.CALLS ?? "").split(",").map((s) => s.trim()).filter(Boolean);

// Headers a well-behaved mesh app propagates so traces, canary stickiness and identity-bearing
// tokens follow the request.
const PROPAGATED = ["x-request-id", "traceparent", "tracestate", "b3", "x-b3-traceid", "x-b3-spanid",
  "x-b3-parentspanid", "x-b3-sampled", "x-user-id", "x-canary", "authorization"];

function call(target, incoming) {
  const slash = target.indexOf("/");
  const host = slash < 0 ? target : target.slice(0, slash);
  const path = slash < 0 ? incoming.url : target.slice(slash);
  const headers = { host };
  for (const h of PROPAGATED) if (incoming.headers[h]) headers[h] = incoming.headers[h];
  return new Promise((resolve) => {
    const req = http.request({ host: outbound.hostname, port: outbound.port, method: "GET", path, headers }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => {
        let parsed = body;
        try { parsed = JSON.parse(body); } catch { /* a local reply from a sidecar is text */ }
        resolve({ host, status: res.statusCode, body: parsed });
      });
    });
    req.on("error", (err) => resolve({ host, status: 0, error: err.message }));
    req.setTimeout(5000, () => req.destroy(new Error("timeout")));
    req.end();
  });
}

const server = http.createServer(async (req, res) => {
  const downstream = outbound ? await Promise.all(calls.map((c) => call(c, req))) : [];
  const reply = { service: name, version, path: req.url, user: req.headers["x-user"] ?? null, calls: downstream };
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(reply) + "\n");
});

server.listen(port, address, () => console.log(`${name} ${version} listening on ${address}:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
