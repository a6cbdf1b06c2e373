-- submit.lua - wrk driver for `POST /api/v1/applications`: every request
-- is a new application (its own Idempotency-Key) carrying a 50 KB PDF
-- inline, and every file differs (a counter in its first bytes), so each
-- submit stores a new attachment. bench/run.sh sets the environment:
--   YW_SESSION  the applicant's session cookie value
--   YW_CSRF     that session's CSRF token
--   YW_ITEM     the item code (a form with a required PDF field)
--   YW_FIELD    the attachment field's name
--   YW_VALUES   the other values as a JSON object, without braces
--   YW_RUN      a word that makes this run's keys unique
--   YW_MULTIPART  1: multipart/form-data, the JSON in the part "data" and
--               the PDF as a part of its own (raw bytes, no base64)
--   YW_LETTER   1: a new letter to `POST /api/v1/letters` instead (a short
--               JSON suggestion, no file; YW_ITEM and YW_VALUES unused)

local session = os.getenv("YW_SESSION") or ""
local csrf = os.getenv("YW_CSRF") or ""
local item = os.getenv("YW_ITEM") or ""
local field = os.getenv("YW_FIELD") or "birth_record"
local values = os.getenv("YW_VALUES") or ""
local run = os.getenv("YW_RUN") or tostring(os.time())
local multipart = os.getenv("YW_MULTIPART") == "1"
local letter = os.getenv("YW_LETTER") == "1"
local boundary = "----yiwang-bench-7d3f0a"

local b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

local function base64(s)
	local out, n = {}, #s
	for i = 1, n, 3 do
		local a, b, c = s:byte(i, i + 2)
		local v = a * 65536 + (b or 0) * 256 + (c or 0)
		local c1 = math.floor(v / 262144) % 64
		local c2 = math.floor(v / 4096) % 64
		local c3 = math.floor(v / 64) % 64
		local c4 = v % 64
		out[#out + 1] = b64chars:sub(c1 + 1, c1 + 1) ..
		    b64chars:sub(c2 + 1, c2 + 1) ..
		    (b and b64chars:sub(c3 + 1, c3 + 1) or "=") ..
		    (c and b64chars:sub(c4 + 1, c4 + 1) or "=")
	end
	return table.concat(out)
end

-- A real minimal PDF whose first 30 bytes (a multiple of 3, so the
-- base64 of the rest never changes) carry the counter, padded to 50 KB.
local HEAD = 30
local rest = "\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" ..
    "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
local tail = "\ntrailer << /Root 1 0 R >>\n%%EOF\n"
local pad = 50 * 1024 - HEAD - #rest - #tail
local restbin = rest .. string.rep(" ", pad) .. tail
local rest64 = base64(restbin)

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
	local head = string.format("%%PDF-1.4\n%%%-20s", tag:sub(-20))
	local headers = {
		["Cookie"] = "yw_session=" .. session,
		["X-CSRF-Token"] = csrf,
		["Idempotency-Key"] = "bench-" .. tag,
	}
	local body
	if letter then
		headers["Content-Type"] = "application/json"
		body = '{"channel":"suggest","category":"transport",' ..
		    '"region_code":"350102000000","title":"公交线路建议 ' ..
		    tag .. '","body":"建议在五四路增设一条夜间公交线路。"}'
		return wrk.format("POST", "/api/v1/letters", headers, body)
	elseif multipart then
		headers["Content-Type"] = "multipart/form-data; boundary=" ..
		    boundary
		body = "--" .. boundary .. "\r\n" ..
		    'Content-Disposition: form-data; name="data"\r\n\r\n' ..
		    '{"item_code":"' .. item .. '","values":{' .. values ..
		    '}}\r\n--' .. boundary .. "\r\n" ..
		    'Content-Disposition: form-data; name="' .. field ..
		    '"; filename="scan.pdf"\r\n' ..
		    "Content-Type: application/pdf\r\n\r\n" ..
		    head:sub(1, HEAD) .. restbin .. "\r\n--" .. boundary ..
		    "--\r\n"
	else
		headers["Content-Type"] = "application/json"
		body = '{"item_code":"' .. item .. '","values":{' .. values ..
		    ',"' .. field .. '":{"name":"scan.pdf","content_base64":"' ..
		    base64(head:sub(1, HEAD)) .. rest64 .. '"}}}'
	end
	return wrk.format("POST", "/api/v1/applications", headers, body)
end
