#!/usr/bin/env bash
# Runs each libFuzzer target briefly (FUZZ_SECONDS each, default 15).
set -u
secs=${FUZZ_SECONDS:-15}
pass=0 fail=0
for t in "$@"; do
	name=$(basename "$t")
	corpus=$(mktemp -d)
	if "$t" -max_total_time="$secs" -rss_limit_mb=2048 -print_final_stats=0 \
	    "$corpus" >"$t.log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1)); echo "--- fuzz $name failed:"; tail -n 30 "$t.log"
	fi
	rm -rf "$corpus"
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
