#!/usr/bin/env bash
# pgtmp.sh - a throwaway PostgreSQL 15 cluster for tests.
#   scripts/pgtmp.sh start DIR PORT   prints postgresql://postgres@127.0.0.1:PORT/yiwang
#   scripts/pgtmp.sh stop DIR         stops it and removes DIR
# The cluster listens on 127.0.0.1:PORT and a unix socket in DIR only, trusts
# every local connection and runs with fsync off: never keep data in it.
# PGTMP_DURABLE=1 keeps PostgreSQL's durable defaults (fsync,
# synchronous_commit, full_page_writes), for benchmarks of durable writes.
# initdb and pg_ctl refuse to run as root, so as root they run as the
# `postgres` system user (from Debian's postgresql package).
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

die() {
	echo "pgtmp: $*" >&2
	exit 1
}

# A start that fails takes its half-made cluster with it.
fail_start() {
	local dir=$1
	shift
	echo "pgtmp: $*" >&2
	stop "$dir" >/dev/null 2>&1 || true
	exit 1
}

usage() {
	echo "usage: $0 start DIR PORT | stop DIR" >&2
	exit 2
}

# Runs a PostgreSQL program as a user it accepts.
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

start() {
	local dir=$1 port=$2 data log

	if ! [[ $port =~ ^[0-9]+$ ]] || [ "$port" -lt 1024 ] || [ "$port" -gt 65535 ]; then
		die "PORT must be a number from 1024 to 65535"
	fi
	[ -x "$PGBIN/initdb" ] || die "$PGBIN/initdb missing: apt-get install postgresql"
	dir=$(realpath -m -- "$dir")
	# Goes into postgresql.conf between single quotes.
	[[ $dir =~ ^[A-Za-z0-9/._-]+$ ]] || die "DIR may only contain A-Z a-z 0-9 / . _ -"
	# The socket path has to fit in sun_path (108 bytes).
	[ $((${#dir} + ${#port} + 12)) -lt 108 ] || die "DIR is too long for a unix socket path"
	if [ -e "$dir" ] && [ -n "$(ls -A -- "$dir")" ]; then
		die "$dir exists and is not empty"
	fi
	mkdir -p -- "$dir"
	# stop removes only folders that look like a cluster; this marks ours.
	: >"$dir/initdb.log"
	if [ "$(id -u)" -eq 0 ]; then
		id postgres >/dev/null 2>&1 ||
			die "no postgres user: apt-get install postgresql"
		chown postgres:postgres "$dir"
		chmod 755 "$dir"	# the socket lives here
		runuser -u postgres -- test -w "$dir" ||
			fail_start "$dir" "user postgres cannot reach $dir (a parent folder is closed?); try /tmp"
	fi
	data=$dir/data
	log=$dir/server.log

	if ! as_pg "$PGBIN/initdb" -D "$data" -U postgres -A trust -E UTF8 \
	    --locale=C --no-sync --no-instructions >"$dir/initdb.log" 2>&1; then
		cat "$dir/initdb.log" >&2
		fail_start "$dir" "initdb failed"
	fi
	# C collation: byte order, the same order SQLite's BINARY gives.
	as_pg tee -a "$data/postgresql.conf" >/dev/null <<-EOF
		listen_addresses = '127.0.0.1'
		port = $port
		unix_socket_directories = '$dir'
		max_connections = 100
	EOF
	if [ "${PGTMP_DURABLE:-0}" != 1 ]; then
		as_pg tee -a "$data/postgresql.conf" >/dev/null <<-EOF
			fsync = off
			synchronous_commit = off
			full_page_writes = off
		EOF
	fi
	if ! as_pg "$PGBIN/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null; then
		tail -n 20 "$log" >&2 || true
		fail_start "$dir" "server did not start (port $port in use?)"
	fi
	if ! as_pg "$PGBIN/createdb" -h "$dir" -p "$port" -U postgres yiwang; then
		fail_start "$dir" "createdb failed"
	fi
	echo "postgresql://postgres@127.0.0.1:$port/yiwang"
}

stop() {
	local dir=$1

	dir=$(realpath -m -- "$dir")
	[ -d "$dir" ] || return 0
	# Remove only what start made: a folder holding a cluster.
	[ -f "$dir/data/PG_VERSION" ] || [ -f "$dir/initdb.log" ] ||
		die "$dir does not look like a pgtmp cluster; not removing it"
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_pg "$PGBIN/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true
	fi
	rm -rf -- "$dir"
}

[ $# -ge 1 ] || usage
case $1 in
start)
	[ $# -eq 3 ] || usage
	start "$2" "$3"
	;;
stop)
	[ $# -eq 2 ] || usage
	stop "$2"
	;;
*)
	usage
	;;
esac
