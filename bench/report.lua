-- wrk script of bench/run.py: counts answers that are not 2xx (wrk itself counts
-- only status >= 400) and, when the run is done, prints one line
-- "BENCH_RESULT {json}" with requests/s, p50/p95/p99 latency in ms and errors.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non_2xx = 0
  last_status = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
    last_status = status
  end
end

function done(summary, latency, requests)
  local non_2xx_total, status = 0, 0
  for _, thread in ipairs(threads) do
    non_2xx_total = non_2xx_total + thread:get("non_2xx")
    if thread:get("last_status") ~= 0 then
      status = thread:get("last_status")
    end
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "seconds": %.3f, "rps": %.2f, '
      .. '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, '
      .. '"non_2xx": %d, "non_2xx_status": %d, "socket_errors": %d}\n',
    summary.requests,
    summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3,
    non_2xx_total,
    status,
    errors.connect + errors.read + errors.write + errors.timeout
  ))
end
