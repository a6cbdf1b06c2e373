#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for building, running and
# testing Yiwang. Quick and quiet when everything is already present.
set -euo pipefail
cd "$(dirname "$0")/.."

pkgs=(build-essential clang libclang-rt-14-dev kore libsqlite3-dev libpq-dev libjansson-dev
      libsodium-dev libssl-dev zlib1g-dev libcmocka-dev libcurl4-openssl-dev postgresql postgresql-client sqlite3
      wrk nginx-light chromium cppcheck curl ca-certificates)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed' || missing+=("$p")
done
# Node.js may come from elsewhere than Debian's package; only add Debian's
# when no node and npm are on the PATH at all.
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	echo "installing: ${missing[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
	    "${missing[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] ||
   [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --silent --no-audit --no-fund >/dev/null
fi
