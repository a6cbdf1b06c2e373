#!/usr/bin/env bash
# `make run`: prepare the demo database and serve on 127.0.0.1:8080.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${YIWANG_DB:-var/yiwang.db}
port=${PORT:-8080}
build/yiwang --db "$db" init >/dev/null
build/yiwang --db "$db" demo
echo
echo "Open http://127.0.0.1:$port/ — Ctrl-C stops the server."
exec build/yiwang --db "$db" serve --port "$port"
