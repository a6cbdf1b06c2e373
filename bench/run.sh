#!/usr/bin/env bash
# `make bench`: wrk against the dynamic home page, a JSON endpoint and a
# static asset of a real server on SQLite, next to nginx serving a copy of
# the same home page bytes as a static file in the same run; then the case
# rows of issue 3 (case status JSON, a work queue of 100,000 open cases,
# durable application submits with a 50 KB attachment on SQLite and on a
# throwaway PostgreSQL), each with its target. Loopback only, bounded in
# time (about three minutes with the defaults); never fails the build.
#
#   BENCH_SECONDS (10)       seconds per row; BENCH_CONNECTIONS (64)
#   BENCH_QUEUE_CASES (100000), BENCH_QUEUE_CONNECTIONS (2): the queue rows
#   BENCH_CASES=0 skips the case rows; BENCH_QUEUE=0 the queue rows;
#   BENCH_SUBMIT=0 the submit rows; BENCH_PG=0 PostgreSQL;
#   BENCH_SEARCH=0 the search benchmark; BENCH_EXCHANGE=0 the exchange
#   rows (push, read, CKAN search), BENCH_PUSH_CONNECTIONS (4);
#   BENCH_LETTERS=0 the letter rows
set -u
cd "$(dirname "$0")/.."
dur=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-64}
work=$(mktemp -d /tmp/yw-bench.XXXXXX)
chmod 755 "$work"
port=$((30000 + RANDOM % 10000))
nport=$((port + 1))
pgport=$((port + 2))
pgdir=$work/pg
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	[ -d "$pgdir" ] && scripts/pgtmp.sh stop "$pgdir" >/dev/null 2>&1
	[ -d "$work/pgx" ] && scripts/pgtmp.sh stop "$work/pgx" >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT
libs="build/libyiwang.a -ljansson -lsodium -lcrypto -lsqlite3 -lpq -lcurl -lm"

# The item applied for in the case rows: 出生医学证明首次签发 (卫健委),
# whose form has a required PDF/JPEG/PNG attachment, and its values.
values='"child_name":"王小红","child_gender":"f","child_birth_date":"2025-02-01",'\
'"birth_hospital":"福建省妇幼保健院","applicant_name":"张三",'\
'"applicant_idnum":"350102199003071234","relation":"mother","phone":"13800138000"'

# serve DB-URL PORT LOG: starts a server and waits until it answers.
serve() {
	build/yiwang --db "$1" serve --port "$2" >"$3" 2>&1 &
	pids+=($!)
	for _ in $(seq 50); do curl -sf "http://127.0.0.1:$2/static/app.css" >/dev/null && break; sleep 0.2; done
}

# login PORT LOGIN PASSWORD JAR: a session; prints "session csrf".
login() {
	local base="http://127.0.0.1:$1" jar=$4 csrf
	curl -sf -c "$jar" -b "$jar" "$base/login" -o /dev/null
	csrf=$(awk '$6 == "yw_csrf" {print $7}' "$jar")
	curl -sf -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
	    --data-urlencode "login=$2" --data-urlencode "password=$3" "$base/login"
	csrf=$(curl -sf -b "$jar" "$base/my" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
	echo "$(awk '$6 == "yw_session" {print $7}' "$jar") $csrf"
}

# item PORT: the code of the demo's 出生医学证明 item.
item() {
	curl -sf "http://127.0.0.1:$1/api/v1/bundles/birth" |
	    grep -o '"code":"[0-9]*-wjw-[^"]*"' | head -n 1 | cut -d'"' -f4
}

build/yiwang --db "$work/bench.db" init >/dev/null
build/yiwang --db "$work/bench.db" demo --quiet >/dev/null
serve "$work/bench.db" "$port" "$work/serve.log"

mkdir -p "$work/www"
curl -sf "http://127.0.0.1:$port/" -o "$work/www/index.html"
# The same bytes gzipped beside it, which nginx sends to a client that
# takes gzip (gzip_static): the reference for rows asked with gzip.
gzip -6 -k -f "$work/www/index.html"
cat >"$work/nginx.conf" <<NGINX
daemon off;
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	server {
		listen 127.0.0.1:$nport;
		root $work/www;
		gzip_static on;
		location / { default_type text/html; }
	}
}
NGINX
nginx -c "$work/nginx.conf" &
pids+=($!)
sleep 0.5

# A logged-in citizen's session: their pages are rendered for them on every
# request (no page cache), so this row measures the view + template path.
jar="$work/cookies"
curl -sf -c "$jar" -b "$jar" "http://127.0.0.1:$port/login" -o /dev/null
csrf=$(awk '$6 == "yw_csrf" {print $7}' "$jar")
curl -sf -c "$jar" -b "$jar" -o /dev/null \
    --data-urlencode "csrf=$csrf" --data-urlencode "login=13800138000" \
    --data-urlencode "password=Citizen2026demo" "http://127.0.0.1:$port/login"
session=$(awk '$6 == "yw_session" {print $7}' "$jar")

# ms of a wrk latency ("812.00us", "1.20ms", "2.00s").
ms() {
	awk -v v="$1" 'BEGIN {
		if (v ~ /us$/) printf "%.3f", v / 1000
		else if (v ~ /ms$/) printf "%.3f", v + 0
		else if (v ~ /s$/) printf "%.3f", v * 1000
		else print "" }'
}

# run LABEL URL [wrk options]: one row. BENCH_TARGET (set per call) is
# "rate:N" (at least N requests/s) or "p99:N" (p99 under N ms).
nginx_rps=
run() {
	local label=$1 url=$2 out target=${BENCH_TARGET:-} verdict= c=${BENCH_CONNS:-$conns}
	shift 2
	out=$(wrk -t2 -c"$c" -d"${dur}s" --latency "$@" "$url" 2>&1)
	rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
	p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
	errs=$(awk '/Non-2xx/ {print $5}' <<<"$out")
	case $target in
	rate:*)
		verdict=$(awk -v r="${rps:-0}" -v t="${target#rate:}" \
		    'BEGIN { printf ">= %d/s: %s", t, (r >= t ? "met" : "MISSED") }') ;;
	p99:*)
		verdict=$(awk -v p="$(ms "${p99:-}")" -v t="${target#p99:}" \
		    'BEGIN { printf "p99 < %d ms: %s", t, (p != "" && p < t ? "met" : "MISSED") }') ;;
	esac
	[ "$c" != "$conns" ] && label="$label [-c$c]"
	printf '%-44s %12s %10s  %s%s\n' "$label" "${rps:-?}" "${p99:-?}" "$verdict" \
	    "${errs:+  non-2xx: $errs}"
}

echo "wrk -t2 -c$conns -d${dur}s on $(nproc) cores, SQLite, 2 kore workers"
printf '%-44s %12s %10s  %s\n' "target" "requests/s" "p99" "goal"
run "home page (anonymous)" "http://127.0.0.1:$port/"
run "nginx: same bytes as static file" "http://127.0.0.1:$nport/index.html"
nginx_rps=${rps%.*}
half=$(( ${nginx_rps:-0} / 2 ))
run "nginx: same bytes, gzipped (gzip_static)" "http://127.0.0.1:$nport/index.html" \
    -H "Accept-Encoding: gzip"
gz_rps=${rps%.*}
half_gz=$(( ${gz_rps:-0} / 2 ))
run "JSON /api/v1/departments" "http://127.0.0.1:$port/api/v1/departments"
run "static /static/app.css" "http://127.0.0.1:$port/static/app.css"
run "home page (logged in, rendered)" "http://127.0.0.1:$port/" \
    -H "Cookie: yw_session=$session"
code=$(curl -sf "http://127.0.0.1:$port/api/v1/services?per_page=1" |
    sed -n 's/.*"code":"\([^"]*\)".*/\1/p' | head -n 1)
BENCH_TARGET=rate:$half run "service catalogue /services" "http://127.0.0.1:$port/services"
[ -n "$code" ] && BENCH_TARGET=rate:$half run "service guide /services/$code" \
    "http://127.0.0.1:$port/services/$code"
# Open311 (issue 5): the public list of requests, demo letters present (50
# requests, 37.7 KB). Asked for as clients ask (browsers, OkHttp, curl
# --compressed: Accept-Encoding gzip), the cached answer goes out gzipped
# (3.4 KB), so its target is half of nginx sending gzipped bytes too; the
# row without gzip is shown for comparison, against half of plain nginx.
BENCH_TARGET=rate:$half_gz run "Open311 /open311/v2/requests.json (gzip)" \
    "http://127.0.0.1:$port/open311/v2/requests.json" -H "Accept-Encoding: gzip"
BENCH_TARGET=rate:$half run "Open311 requests.json, identity" \
    "http://127.0.0.1:$port/open311/v2/requests.json"

# Case status as the applicant sees it and the anonymous lookup, of a case
# submitted through the API with its attachment inline.
item=$(item "$port")
if [ "${BENCH_CASES:-1}" != 0 ] && [ -n "$item" ]; then
	read -r csession ccsrf <<<"$(login "$port" 13800138000 Citizen2026demo "$work/citizen")"
	pdf=$(printf '%%PDF-1.4\n%%%%EOF\n' | base64 -w0)
	created=$(curl -s -X POST "http://127.0.0.1:$port/api/v1/applications" \
	    -H "Cookie: yw_session=$csession" -H "X-CSRF-Token: $ccsrf" \
	    -H "Idempotency-Key: bench-status" -H "Content-Type: application/json" \
	    --data-binary "{\"item_code\":\"$item\",\"values\":{$values,\"birth_record\":{\"name\":\"a.pdf\",\"content_base64\":\"$pdf\"}}}")
	cid=$(sed -n 's/.*"case_id":\([0-9]*\).*/\1/p' <<<"$created")
	tno=$(sed -n 's/.*"tracking_no":"\([^"]*\)".*/\1/p' <<<"$created")
	if [ -n "$cid" ]; then
		BENCH_TARGET=rate:$half run "case JSON /api/v1/cases/{id} (applicant)" \
		    "http://127.0.0.1:$port/api/v1/cases/$cid" -H "Cookie: yw_session=$csession"
		BENCH_TARGET=rate:$half run "lookup JSON /api/v1/track (anonymous)" \
		    "http://127.0.0.1:$port/api/v1/track?tracking=$tno&phone=13800138000"
	else
		echo "case rows skipped: the API submit answered: $created"
	fi
fi

# A work queue of BENCH_QUEUE_CASES open cases (卫健委), seeded through
# the case store into its own database; a handler of the department lists
# it as JSON and as the page, with few connections: the latency a person
# at the queue sees.
if [ "${BENCH_CASES:-1}" != 0 ] && [ "${BENCH_QUEUE:-1}" != 0 ] && [ -n "$item" ]; then
	echo
	qport=$((port + 3))
	ncases=${BENCH_QUEUE_CASES:-100000}
	build/yiwang --db "$work/queue.db" init >/dev/null
	build/yiwang --db "$work/queue.db" demo --quiet >/dev/null
	cc -O2 -std=c11 -D_GNU_SOURCE -Isrc -o build/queue_seed bench/queue_seed.c $libs &&
	    build/queue_seed "$work/queue.db" "$item" 13800138000 "$ncases"
	serve "$work/queue.db" "$qport" "$work/serve-queue.log"
	read -r ssession _ <<<"$(login "$qport" wjw_handler Yiwang2026demo "$work/staff")"
	BENCH_CONNS=${BENCH_QUEUE_CONNECTIONS:-2} BENCH_TARGET=p99:20 \
	    run "queue JSON /api/v1/staff/queue ($ncases open)" \
	    "http://127.0.0.1:$qport/api/v1/staff/queue" -H "Cookie: yw_session=$ssession"
	BENCH_CONNS=${BENCH_QUEUE_CONNECTIONS:-2} BENCH_TARGET=p99:20 \
	    run "queue page /staff/queue ($ncases open)" \
	    "http://127.0.0.1:$qport/staff/queue" -H "Cookie: yw_session=$ssession"
	kill "${pids[-1]}" 2>/dev/null
fi

# Durable submits: each request a new application with a different 50 KB
# PDF inline (bench/submit.lua), then as a multipart part (no base64). On
# SQLite each answer leaves only after the fdatasync that makes its commit
# durable (group commit, docs/architecture.md); then PostgreSQL with its
# durable defaults (fsync on) in a throwaway cluster.
submit_row() { # label port [target] (YW_MULTIPART=1: the file as a part)
	local s c
	read -r s c <<<"$(login "$2" 13800138000 Citizen2026demo "$work/jar-$2")"
	YW_SESSION=$s YW_CSRF=$c YW_ITEM=$item YW_VALUES=$values YW_RUN=$RANDOM \
	    BENCH_TARGET=${3:-} run "$1" "http://127.0.0.1:$2/api/v1/applications" \
	    -s bench/submit.lua
}
if [ "${BENCH_CASES:-1}" != 0 ] && [ "${BENCH_SUBMIT:-1}" != 0 ] && [ -n "$item" ]; then
	echo
	submit_row "submit + 50 KB PDF, SQLite (durable)" "$port" rate:1000
	YW_MULTIPART=1 submit_row "submit multipart + 50 KB PDF, SQLite" "$port" \
	    rate:1000
	if [ "${BENCH_PG:-1}" != 0 ] && pgurl=$(PGTMP_DURABLE=1 scripts/pgtmp.sh start "$pgdir" "$pgport"); then
		pport=$((port + 4))
		build/yiwang --db "$pgurl" init >/dev/null
		build/yiwang --db "$pgurl" demo --quiet >/dev/null
		serve "$pgurl" "$pport" "$work/serve-pg.log"
		submit_row "submit + 50 KB PDF, PostgreSQL (fsync on)" "$pport"
		YW_MULTIPART=1 submit_row "submit multipart + 50 KB PDF, PostgreSQL" \
		    "$pport"
		kill "${pids[-1]}" 2>/dev/null
		scripts/pgtmp.sh stop "$pgdir" >/dev/null 2>&1
	fi
fi

# Data exchange (issue 4): durable pushes of JSON batches of 1,000 birth
# certificate records (bench/exchange_push.lua) by the provider (卫健委),
# in validated rows/s; then a filtered page of 100 of them read by 公安局
# with its key and grant (each read writes its signed receipt); then the
# CKAN package_search. SQLite, and PostgreSQL (fsync on) unless BENCH_PG=0;
# BENCH_EXCHANGE=0 skips these rows.
# key PORT LOGIN: a new API key of LOGIN's department.
key() {
	local s c
	read -r s c <<<"$(login "$1" "$2" Yiwang2026demo "$work/jar-key-$1-$2")"
	curl -sf -b "yw_session=$s" "http://127.0.0.1:$1/staff/data/keys" \
	    --data-urlencode "csrf=$c" --data-urlencode action=create \
	    --data-urlencode "name=bench $RANDOM" |
	    sed -n 's/.*<code id="new-key">\([^<]*\)<.*/\1/p'
}
exchange_rows() { # DB-label port
	local wk gk out rps p99 rows verdict c=${BENCH_PUSH_CONNECTIONS:-4}
	wk=$(key "$2" wjw_steward)
	gk=$(key "$2" gaj_steward)
	if [ -z "$wk" ] || [ -z "$gk" ]; then
		echo "exchange rows ($1) skipped: no API key"
		return
	fi
	out=$(YW_KEY=$wk YW_BATCH=1000 YW_RUN=$RANDOM wrk -t2 -c"$c" \
	    -d"${dur}s" --latency -s bench/exchange_push.lua \
	    "http://127.0.0.1:$2/" 2>&1)
	rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
	p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
	rows=$(awk -v r="${rps:-0}" 'BEGIN { printf "%.0f", r * 1000 }')
	verdict=
	[ "$1" = SQLite ] && verdict=$(awk -v r="$rows" \
	    'BEGIN { printf ">= 100000 rows/s: %s", (r >= 100000 ? "met" : "MISSED") }')
	printf '%-44s %12s %10s  %s%s\n' "exchange push, rows/s, $1 [-c$c]" \
	    "$rows" "${p99:-?}" "$verdict" \
	    "$(awk '/Non-2xx/ {print "  non-2xx: " $5}' <<<"$out")"
	BENCH_TARGET=rate:10000 run "exchange read 100 rows (grant), $1" \
	    "http://127.0.0.1:$2/api/v1/exchange/resources/wjw-0001/records?sex=%E5%A5%B3&limit=100" \
	    -H "Authorization: Bearer $gk"
	run "CKAN package_search, $1" \
	    "http://127.0.0.1:$2/api/3/action/package_search?q=%E7%A9%BA%E6%B0%94&rows=10"
}
if [ "${BENCH_EXCHANGE:-1}" != 0 ]; then
	echo
	exchange_rows SQLite "$port"
	if [ "${BENCH_PG:-1}" != 0 ] && xurl=$(PGTMP_DURABLE=1 scripts/pgtmp.sh start "$work/pgx" "$((port + 5))"); then
		xport=$((port + 6))
		build/yiwang --db "$xurl" init >/dev/null
		build/yiwang --db "$xurl" demo --quiet >/dev/null
		serve "$xurl" "$xport" "$work/serve-pgx.log"
		exchange_rows PostgreSQL "$xport"
		kill "${pids[-1]}" 2>/dev/null
		scripts/pgtmp.sh stop "$work/pgx" >/dev/null 2>&1
	fi
fi

# Letters (issue 5): the public reply list, a letter's status as its
# writer sees it, and durable letter submits (bench/submit.lua with
# YW_LETTER=1) on SQLite.
if [ "${BENCH_LETTERS:-1}" != 0 ]; then
	echo
	BENCH_TARGET=rate:$half run "reply list /interact/suggest (anonymous)" \
	    "http://127.0.0.1:$port/interact/suggest"
	read -r lsession lcsrf <<<"$(login "$port" 13800138000 Citizen2026demo "$work/writer")"
	lid=$(curl -s -X POST "http://127.0.0.1:$port/api/v1/letters" \
	    -H "Cookie: yw_session=$lsession" -H "X-CSRF-Token: $lcsrf" \
	    -H "Idempotency-Key: bench-letter" -H "Content-Type: application/json" \
	    --data-binary '{"channel":"suggest","category":"transport","region_code":"350102000000","title":"公交线路建议","body":"建议增设夜间公交线路。"}' |
	    sed -n 's/.*"letter_id":\([0-9]*\).*/\1/p')
	[ -n "$lid" ] && BENCH_TARGET=rate:$half run \
	    "letter JSON /api/v1/letters/{id} (writer)" \
	    "http://127.0.0.1:$port/api/v1/letters/$lid" -H "Cookie: yw_session=$lsession"
	YW_LETTER=1 YW_SESSION=$lsession YW_CSRF=$lcsrf YW_RUN=$RANDOM \
	    BENCH_TARGET=rate:1000 run "letter submits, SQLite (durable)" \
	    "http://127.0.0.1:$port/api/v1/letters" -s bench/submit.lua
fi

# Search over 100,000 synthetic documents (SQLite): index time and query
# percentiles; BENCH_SEARCH=0 skips it.
if [ "${BENCH_SEARCH:-1}" != 0 ]; then
	echo
	cc -O2 -std=c11 -D_GNU_SOURCE -Isrc -o build/search_bench \
	    bench/search_bench.c $libs && build/search_bench 100000
fi
exit 0
