#!/usr/bin/env bash
# Runs every unit test binary given; prints one summary line; fails if any fails.
set -u
pass=0 fail=0 failed=()
for t in "$@"; do
	if "$t" >"$t.log" 2>&1; then
		pass=$((pass + 1))
		grep -h '^SKIPPED' "$t.log" | sed "s|^|$(basename "$t"): |"
	else
		fail=$((fail + 1)); failed+=("$t")
		echo "--- $t failed:"; tail -n 40 "$t.log"
	fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
