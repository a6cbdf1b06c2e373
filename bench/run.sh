#!/usr/bin/env bash
# `make bench`: wrk against the dynamic home page, a JSON endpoint and a
# static asset of a real server on SQLite, next to nginx serving a copy of
# the same home page bytes as a static file in the same run. Loopback only,
# bounded in time; never fails the build.
set -u
cd "$(dirname "$0")/.."
dur=${BENCH_SECONDS:-10}
conns=${BENCH_CONNECTIONS:-64}
work=$(mktemp -d /tmp/yw-bench.XXXXXX)
chmod 755 "$work"
port=$((30000 + RANDOM % 10000))
nport=$((port + 1))
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

build/yiwang --db "$work/bench.db" init >/dev/null
build/yiwang --db "$work/bench.db" demo --quiet >/dev/null
build/yiwang --db "$work/bench.db" serve --port "$port" >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/static/app.css" >/dev/null && break; sleep 0.2; done

mkdir -p "$work/www"
curl -sf "http://127.0.0.1:$port/" -o "$work/www/index.html"
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

run() {
	local label=$1 url=$2 out
	shift 2
	out=$(wrk -t2 -c"$conns" -d"${dur}s" --latency "$@" "$url" 2>&1)
	rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
	p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
	errs=$(awk '/Non-2xx/ {print $5}' <<<"$out")
	printf '%-34s %12s %10s %s\n' "$label" "${rps:-?}" "${p99:-?}" "${errs:+non-2xx: $errs}"
}

echo "wrk -t2 -c$conns -d${dur}s on $(nproc) cores, SQLite, 2 kore workers"
printf '%-34s %12s %10s\n' "target" "requests/s" "p99"
run "home page (anonymous)" "http://127.0.0.1:$port/"
run "nginx: same bytes as static file" "http://127.0.0.1:$nport/index.html"
run "JSON /api/v1/departments" "http://127.0.0.1:$port/api/v1/departments"
run "static /static/app.css" "http://127.0.0.1:$port/static/app.css"
run "home page (logged in, rendered)" "http://127.0.0.1:$port/" \
    -H "Cookie: yw_session=$session"
code=$(curl -sf "http://127.0.0.1:$port/api/v1/services?per_page=1" |
    sed -n 's/.*"code":"\([^"]*\)".*/\1/p' | head -n 1)
run "service catalogue /services" "http://127.0.0.1:$port/services"
[ -n "$code" ] && run "service guide /services/$code" \
    "http://127.0.0.1:$port/services/$code"

# Search over 100,000 synthetic documents (SQLite): index time and query
# percentiles; BENCH_SEARCH=0 skips it.
if [ "${BENCH_SEARCH:-1}" != 0 ]; then
	echo
	cc -O2 -std=c11 -D_GNU_SOURCE -Isrc -o build/search_bench \
	    bench/search_bench.c build/libyiwang.a -ljansson -lsodium \
	    -lsqlite3 -lpq -lcurl -lm && build/search_bench 100000
fi
exit 0
