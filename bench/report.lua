-- wrk script: optional cookie/CSRF headers from the environment, per-response server time (the
-- X-Server-Time header of the benchmark's middleware), distinct voters for the vote scenario,
-- and a JSON summary at the end.
--
-- WRK_UNIQUE=1 adds a parameter no filter reads, distinct for every request of every run (an
-- uncached page): WRK_NONCE, fresh per run, is part of it.
-- WRK_VOTERS names a file of "token nominee-id" lines: thread t of WRK_THREADS sends lines t+1,
-- t+1+WRK_THREADS, ... once each, so every request is another voter or another category.
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

local threads = {}
local counter = 0
setup = function(thread)
  thread:set("thread_index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local voters = nil
local next_voter = 1
init = function(args)
  statuses = {}
  server_ms = {}
  exhausted = 0
  local path = os.getenv("WRK_VOTERS")
  if path and path ~= "" then
    voters = {}
    local step = tonumber(os.getenv("WRK_THREADS") or "1")
    local n = 0
    for line in io.lines(path) do
      if n % step == thread_index then
        local token, nominee = line:match("^(%S+)%s+(%d+)$")
        table.insert(voters, {token, nominee})
      end
      n = n + 1
    end
  end
end

local unique = os.getenv("WRK_UNIQUE") == "1"
-- Distinct per wrk run (bench/run.py sets it), so no two runs send the same cache-busting URL.
local nonce = os.getenv("WRK_NONCE") or tostring(os.time())
local sent = 0
request = function()
  if voters == nil then
    if unique then
      -- A parameter no filter reads makes every URL new: the page cache never answers.
      sent = sent + 1
      local separator = wrk.path:find("?", 1, true) and "&" or "?"
      return wrk.format(nil, wrk.path .. separator .. "_bench=" .. nonce .. "-" .. thread_index .. "-" .. sent)
    end
    return wrk.format()
  end
  local voter = voters[next_voter]
  if voter == nil then
    exhausted = exhausted + 1
    voter = voters[#voters] -- the list ran out: repeats show up as 409 errors
  end
  next_voter = next_voter + 1
  return wrk.format("POST", wrk.path, {
    ["Authorization"] = "Token " .. voter[1],
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
  }, '{"nominee": ' .. voter[2] .. '}')
end

response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local server = headers["X-Server-Time"]
  if server then
    table.insert(server_ms, tonumber(server))
  end
end

local function percentile(sorted, p)
  if #sorted == 0 then
    return -1
  end
  local index = math.max(1, math.ceil(#sorted * p / 100))
  return sorted[index]
end

done = function(summary, latency, requests)
  local all_statuses, all_server, all_exhausted = {}, {}, 0
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses") or {}) do
      all_statuses[status] = (all_statuses[status] or 0) + count
    end
    for _, value in ipairs(thread:get("server_ms") or {}) do
      table.insert(all_server, value)
    end
    all_exhausted = all_exhausted + (thread:get("exhausted") or 0)
  end
  table.sort(all_server)
  local parts = {}
  for status, count in pairs(all_statuses) do
    table.insert(parts, string.format('"%d": %d', status, count))
  end
  local f = io.open(os.getenv("WRK_REPORT"), "w")
  f:write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": {"connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"server_p50_ms": %.2f, "server_p95_ms": %.2f, "server_samples": %d, ' ..
    '"voters_exhausted": %d, "statuses": {%s}}',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    percentile(all_server, 50), percentile(all_server, 95), #all_server, all_exhausted,
    table.concat(parts, ", ")))
  f:close()
end
