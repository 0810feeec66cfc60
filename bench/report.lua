-- wrk script: optional cookie/CSRF headers from the environment, and a JSON summary at the end.
local cookie = os.getenv("WRK_COOKIE")
if cookie and cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end
local csrf = os.getenv("WRK_CSRF")
if csrf and csrf ~= "" then
  wrk.headers["X-CSRFToken"] = csrf
  wrk.headers["Referer"] = os.getenv("WRK_REFERER")
end
local method = os.getenv("WRK_METHOD")
if method and method ~= "" then
  wrk.method = method
  wrk.body = os.getenv("WRK_BODY") or ""
  wrk.headers["Content-Type"] = os.getenv("WRK_CONTENT_TYPE") or "application/x-www-form-urlencoded"
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  local parts = {}
  for status, count in pairs(statuses) do
    table.insert(parts, string.format('"%d": %d', status, count))
  end
  local f = io.open(os.getenv("WRK_REPORT"), "w")
  f:write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}, "p50_us": %d, "p95_us": %d, "p99_us": %d, "statuses": {%s}}',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    table.concat(parts, ", ")))
  f:close()
end
