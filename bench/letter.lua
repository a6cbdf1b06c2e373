-- letter.lua - wrk driver for `POST /api/v1/letters`: every request is a
-- new letter (its own Idempotency-Key) from a logged-in citizen, so each
-- 201 is one durable commit. bench/run.sh sets the environment:
--   YW_SESSION  the writer's session cookie value
--   YW_CSRF     that session's CSRF token
--   YW_RUN      a word that makes this run's keys unique

local session = os.getenv("YW_SESSION") or ""
local csrf = os.getenv("YW_CSRF") or ""
local run = os.getenv("YW_RUN") or tostring(os.time())

local thread_id = 0
local counter = 0

function setup(thread)
	thread:set("tid", thread_id)
	thread_id = thread_id + 1
end

function init()
	thread_id = tonumber(tid) or 0
end

function request()
	counter = counter + 1
	local tag = string.format("%s-%d-%d", run, thread_id, counter)
	local body = '{"channel":"suggest","category":"transport",' ..
	    '"region_code":"350102000000","title":"公交线路建议 ' .. tag ..
	    '","body":"建议在五四路增设一条夜间公交线路，方便晚归市民出行。"}'
	return wrk.format("POST", "/api/v1/letters", {
		["Cookie"] = "yw_session=" .. session,
		["X-CSRF-Token"] = csrf,
		["Idempotency-Key"] = "bench-" .. tag,
		["Content-Type"] = "application/json",
	}, body)
end
