-- wrk script: the bench request (a GET with the bench Host and a bearer token, both passed in the
-- environment) and, at the end, one JSON line with what bench/load/run.ts records.
local host = os.getenv("BENCH_HOST")
local token = os.getenv("BENCH_TOKEN")
local path = os.getenv("BENCH_PATH")

request = function()
  return wrk.format("GET", path, { ["Host"] = host, ["Authorization"] = "Bearer " .. token })
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
