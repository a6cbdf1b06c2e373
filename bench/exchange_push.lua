-- exchange_push.lua - wrk driver for `POST /api/v1/exchange/resources/
-- <code>/records`: every request is a JSON batch of YW_BATCH new birth
-- certificate records (each its own cert_no, the resource's key item), so
-- each batch inserts rather than replaces. bench/run.sh sets:
--   YW_KEY    the provider department's API key
--   YW_CODE   the resource (wjw-0001: the demo's birth certificates)
--   YW_BATCH  records per request (1000)
--   YW_RUN    a number that makes this run's keys unique

local key = os.getenv("YW_KEY") or ""
local code = os.getenv("YW_CODE") or "wjw-0001"
local batch = tonumber(os.getenv("YW_BATCH") or "1000")
local run = tonumber(os.getenv("YW_RUN") or "0") % 100000

local thread_id = 0
local counter = 0

function setup(thread)
	thread:set("tid", thread_id)
	thread_id = thread_id + 1
end

function init()
	thread_id = tonumber(tid) or 0
end

local sexes = { "男", "女" }

-- Each record is a fixed head, the request's counter and a fixed tail
-- (its index and values), made once per thread: the load generator runs
-- on the same two cores as the server, so a request costs it a
-- table.concat instead of 1,000 string.format calls.
local head, tails

local function prepare()
	head = string.format('{"cert_no":"B%05d%d', run, thread_id)
	tails = {}
	for i = 1, batch do
		tails[i] = string.format('%04d","baby_name":"测试%d","sex":"%s",' ..
		    '"birth_date":"2026-05-%02d","birth_place":"福建省妇幼保健院",' ..
		    '"mother_name":"陈丽","mother_idnum":"350102199001011237",' ..
		    '"issued_on":"2026-06-01"}', i, i, sexes[i % 2 + 1], i % 28 + 1)
	end
end

function request()
	if head == nil then
		prepare()
	end
	counter = counter + 1
	local ctr = string.format("%06d", counter)
	local parts = { '{"records":[' }
	for i = 1, batch do
		parts[#parts + 1] = (i > 1 and "," or "") .. head
		parts[#parts + 1] = ctr
		parts[#parts + 1] = tails[i]
	end
	parts[#parts + 1] = "]}"
	return wrk.format("POST", "/api/v1/exchange/resources/" .. code ..
	    "/records", {
		["Authorization"] = "Bearer " .. key,
		["Content-Type"] = "application/json",
	}, table.concat(parts))
end
