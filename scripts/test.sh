#!/usr/bin/env bash
# `make test`: unit tests (ASan/UBSan) on SQLite and a throwaway PostgreSQL,
# brief fuzzing, HTTP tests against real servers on both backends, browser
# tests in Debian's chromium. Prints one closing line; non-zero on failure.
set -u
cd "$(dirname "$0")/.."
pgdir=$(mktemp -d /tmp/yw-pg.XXXXXX)
rmdir "$pgdir"
pgport=$((20000 + RANDOM % 20000))
cleanup() { scripts/pgtmp.sh stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT

if ! url=$(scripts/pgtmp.sh start "$pgdir" "$pgport"); then
	echo "could not start a throwaway PostgreSQL cluster" >&2
	exit 1
fi
export YW_TEST_PG_URL=$url
echo "PostgreSQL for tests: $url"

failed=()
step() {
	local name=$1; shift
	echo "=== $name"
	if "$@"; then echo "=== $name: ok"; else echo "=== $name: FAILED"; failed+=("$name"); fi
}
step lint make -s lint
step unit make -s unit
step fuzz make -s fuzz
step http node --test --test-concurrency=1 --test-reporter=spec tests/http/
step browser node --test --test-concurrency=1 --test-reporter=spec tests/browser/

total=5
echo "test suites: $((total - ${#failed[@]})) passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
