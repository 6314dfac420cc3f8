// A stand-in OpenTelemetry collector for the local mesh: accepts OTLP/HTTP JSON logs on
// POST /v1/logs and prints each record's body as one line. GET /records returns how many it got.
import http from "node:http";

const address = process.env.ADDRESS ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 4318);
let received = 0;

const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", () => {
    if (req.method === "GET" && req.url === "/records") {
      res.setHeader("content-type", "application/json");
      return res.end(JSON.stringify({ received }) + "\n");
    }
    if (req.method !== "POST" || !req.url?.startsWith("/v1/logs")) {
      res.statusCode = 404;
      return res.end();
    }
    try {
      const doc = JSON.parse(body);
      for (const rl of doc.resourceLogs ?? []) {
        for (const sl of rl.scopeLogs ?? []) {
          for (const record of sl.logRecords ?? []) {
            received++;
            console.log(record.body?.stringValue ?? JSON.stringify(record.body ?? record));
          }
        }
      }
      res.setHeader("content-type", "application/json");
      res.end("{}");
    } catch {
      res.statusCode = 400;
      res.end();
    }
  });
});

server.listen(port, address, () => console.log(`collector listening on ${address}:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
