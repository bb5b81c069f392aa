#!/usr/bin/env bash
# scripts/postgres.sh — "give me a PostgreSQL superuser URL".
#
# Prints ONE line on stdout: a libpq URL to the `postgres` maintenance
# database of a reachable PostgreSQL server where CREATE DATABASE is allowed,
# e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable
# Every message goes to stderr, so `PG_URL=$(scripts/postgres.sh)` is safe.
#
# Usage:
#   scripts/postgres.sh          print the URL (starting a private cluster if needed)
#   scripts/postgres.sh stop     stop the private cluster of this repo, if running
#                                (never any other server, e.g. the system one on 5432)
#   scripts/postgres.sh status   print the private cluster's URL if it is running (exit 3 if not)
#
# Order:
#   1. $DATABASE_URL, if set and reachable: the same server, user, password,
#      host, port and query parameters, with the database replaced by `postgres`.
#   2. 127.0.0.1:5432 as user postgres (trust auth).
#   3. A private cluster (started, or reused if already running) in
#      <repo>/.data/postgres, logging to <repo>/.data/postgres.log, listening
#      on 127.0.0.1:$KAOPING_PG_PORT only, trust auth, superuser postgres.
#      Server binaries: /usr/lib/postgresql/*/bin (newest first), then
#      `pg_config --bindir`; if missing and running as root, the Debian package
#      postgresql is installed with apt-get. PostgreSQL refuses to run as root,
#      so as root the cluster belongs to the OS user postgres (created if
#      missing); if that user cannot traverse the repo path, the cluster lives in
#      /var/tmp/kaoping-postgres-<hash of repo path>/ instead.
#
# Environment:
#   DATABASE_URL              step 1: server to use if reachable
#   KAOPING_PG_SKIP_DEFAULT=1 skip step 2 (127.0.0.1:5432), e.g. to test step 3
#   KAOPING_PG_PORT           port of the private cluster (default 55432)
#   PGCONNECT_TIMEOUT         seconds to wait when probing a server (default 3)
set -euo pipefail

readonly DEFAULT_URL='postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable'
readonly PG_OS_USER=postgres

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
readonly REPO_ROOT
readonly PORT=${KAOPING_PG_PORT:-55432}
export PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-3}

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [[ $EUID -eq 0 ]]; }

usage() {
	sed -n '2,/^set -euo pipefail/{/^set /d;s/^# \{0,1\}//;p;}' "${BASH_SOURCE[0]}" >&2
}

# Hide the password of a URL in messages.
redact() { sed -E 's#(://[^:/@]*):[^@/]*@#\1:***@#' <<<"$1"; }

# maintenance_url URL_OR_DSN — the same connection with the database replaced
# by `postgres` (a dbname= query parameter, which would win over the path, is dropped).
maintenance_url() {
	local url=$1
	local re='^(postgres(ql)?://[^/?#]*)(/[^?#]*)?(\?[^#]*)?(#.*)?$'
	if [[ $url =~ $re ]]; then
		local base=${BASH_REMATCH[1]} query=${BASH_REMATCH[4]} p
		local -a parts=() kept=()
		if [[ -n $query ]]; then
			IFS='&' read -r -a parts <<<"${query#\?}"
			for p in "${parts[@]}"; do
				[[ -z $p || $p == dbname=* ]] || kept+=("$p")
			done
		fi
		query=
		if ((${#kept[@]})); then
			query="?$(
				IFS='&'
				printf '%s' "${kept[*]}"
			)"
		fi
		printf '%s/postgres%s\n' "$base" "$query"
	elif [[ $url == *=* ]]; then
		# keyword/value connection string: host=... dbname=...
		local rest
		rest=$(sed -E "s/(^|[[:space:]])dbname[[:space:]]*=[[:space:]]*('([^'\\\\]|\\\\.)*'|[^[:space:]]*)//g" <<<"$url")
		printf '%s dbname=postgres\n' "${rest#"${rest%%[![:space:]]*}"}"
	else
		return 1
	fi
}

# probe URL — succeeds if a server answers and lets us in. With psql it also
# warns when the role can neither create databases nor is a superuser.
probe() {
	local url=$1 out
	if have psql; then
		if ! out=$(psql -X -w -A -t -q -d "$url" \
			-c 'select (rolsuper or rolcreatedb)::int from pg_roles where rolname = current_user' 2>&1); then
			out=${out//$'\t'/}
			PROBE_ERROR=${out//$'\n'/ }
			return 1
		fi
		[[ $out == 1 ]] || log "warning: the role of $(redact "$url") may not CREATE DATABASE"
		return 0
	elif have pg_isready; then
		pg_isready -q -t "$PGCONNECT_TIMEOUT" -d "$url" || {
			PROBE_ERROR="pg_isready: no answer"
			return 1
		}
	else
		PROBE_ERROR="neither psql nor pg_isready is installed"
		return 1
	fi
}
PROBE_ERROR=

# ---------------------------------------------------------------------------
# private cluster
# ---------------------------------------------------------------------------

readonly REPO_BASE=$REPO_ROOT/.data
HASH=$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)
readonly TMP_BASE=/var/tmp/kaoping-postgres-$HASH
readonly BASES=("$REPO_BASE" "$TMP_BASE")

# as_owner CMD... — run as the cluster's owner: the OS user postgres when we
# are root (PostgreSQL refuses to run as root), else ourselves. Runs from /
# so that the server never starts in a directory it cannot read.
as_owner() {
	if ! is_root; then
		(cd / && "$@")
	elif have runuser; then
		(cd / && runuser -u "$PG_OS_USER" -- "$@")
	else
		(cd / && su "$PG_OS_USER" -s /bin/bash -c "$(printf '%q ' "$@")")
	fi
}

ensure_os_user() {
	id -u "$PG_OS_USER" >/dev/null 2>&1 && return 0
	log "creating OS user $PG_OS_USER"
	local group_opt=(--user-group)
	getent group "$PG_OS_USER" >/dev/null 2>&1 && group_opt=(-g "$PG_OS_USER")
	useradd --system "${group_opt[@]}" --no-create-home --home-dir /var/lib/postgresql \
		--shell /usr/sbin/nologin "$PG_OS_USER" >&2 ||
		die "could not create OS user $PG_OS_USER (useradd --system $PG_OS_USER)"
}

# find_bindir [MAJOR] — directory holding initdb, pg_ctl and postgres; newest
# version first, or exactly MAJOR (from a data dir's PG_VERSION) if given.
find_bindir() {
	local want=${1:-} d v
	local -a cands=()
	[[ -z $want ]] || cands+=("/usr/lib/postgresql/$want/bin")
	while IFS= read -r d; do cands+=("$d"); done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -rV)
	if have pg_config; then cands+=("$(pg_config --bindir 2>/dev/null || true)"); fi
	if have initdb; then cands+=("$(dirname -- "$(command -v initdb)")"); fi
	for d in "${cands[@]}"; do
		[[ -n $d && -x $d/initdb && -x $d/pg_ctl && -x $d/postgres ]] || continue
		if [[ -n $want ]]; then
			v=$("$d/postgres" -V 2>/dev/null | awk '{print $3}') || continue
			[[ $v == "$want" || $v == "$want".* ]] || continue
		fi
		printf '%s\n' "$d"
		return 0
	done
	return 1
}

install_server() {
	local hint="install the PostgreSQL server: apt-get install postgresql"
	is_root || die "PostgreSQL server binaries (initdb, pg_ctl) not found and not root;" \
		"$hint (e.g. sudo apt-get install postgresql)"
	have apt-get || die "PostgreSQL server binaries not found and apt-get is missing; $hint"
	log "PostgreSQL server binaries not found; installing Debian package postgresql"
	# The package may create and start its own cluster ("main", port 5432 or
	# next free); we neither use nor touch it.
	{ apt-get -o DPkg::Lock::Timeout=300 update >&2 &&
		DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 \
			install -y postgresql >&2; } 9<&- ||
		die "apt-get install postgresql failed; $hint"
}

# running_port DATADIR — prints the port of the postmaster running on DATADIR.
running_port() {
	local pidfile=$1/postmaster.pid pid port comm
	[[ -r $pidfile ]] || return 1
	{
		read -r pid
		read -r _
		read -r _
		read -r port
	} <"$pidfile" 2>/dev/null || return 1
	[[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
	if [[ -r /proc/$pid/comm ]]; then
		comm=$(<"/proc/$pid/comm")
		[[ $comm == postgres* || $comm == postmaster* ]] || return 1
	fi
	printf '%s\n' "$port"
}

# The running private cluster's base directory, if any.
running_base() {
	local b
	for b in "${BASES[@]}"; do
		if running_port "$b/postgres" >/dev/null; then
			printf '%s\n' "$b"
			return 0
		fi
	done
	return 1
}

# The base directory holding an initialised (not necessarily running) cluster.
existing_base() {
	local b
	for b in "${BASES[@]}"; do
		if [[ -f $b/postgres/PG_VERSION ]]; then
			printf '%s\n' "$b"
			return 0
		fi
	done
	return 1
}

# Pick (and create) the base directory for a new cluster: <repo>/.data if the
# cluster's owner can reach it, else /var/tmp/kaoping-postgres-<hash>.
choose_base() {
	if ! is_root || as_owner test -x "$REPO_ROOT"; then
		if { [[ -d $REPO_BASE ]] || mkdir -m 0755 -- "$REPO_BASE" 2>/dev/null; } &&
			as_owner test -x "$REPO_BASE"; then
			printf '%s\n' "$REPO_BASE"
			return 0
		fi
	fi
	log "note: OS user $PG_OS_USER cannot traverse the path to $REPO_BASE;" \
		"putting the private cluster in $TMP_BASE instead"
	[[ -d $TMP_BASE ]] || mkdir -m 0755 -- "$TMP_BASE"
	printf '%s\n' "$TMP_BASE"
}

# Escape a value for a single-quoted postgresql.conf string.
conf_quote() { printf "'%s'" "${1//\'/\'\'}"; }

write_conf() {
	local data=$1 sockdir=$1
	# Unix socket paths are limited to ~107 bytes; fall back to TCP only.
	if ((${#data} + ${#PORT} + 10 > 100)); then
		log "note: data directory path too long for a Unix socket; listening on TCP only"
		sockdir=
	fi
	{
		echo "# Written by scripts/postgres.sh on every start; edits are overwritten."
		echo "listen_addresses = '127.0.0.1'"
		echo "port = $PORT"
		echo "unix_socket_directories = $(conf_quote "$sockdir")"
	} >"$data/kaoping.conf"
	if is_root; then chown "$PG_OS_USER:" "$data/kaoping.conf"; fi
	grep -q "^include_if_exists = 'kaoping.conf'" "$data/postgresql.conf" ||
		printf "\ninclude_if_exists = 'kaoping.conf'\n" >>"$data/postgresql.conf"
}

private_url() { printf 'postgres://postgres@127.0.0.1:%s/postgres?sslmode=disable\n' "$1"; }

start_private() {
	if ! [[ $PORT =~ ^[0-9]+$ ]] || ((PORT < 1 || PORT > 65535)); then
		die "KAOPING_PG_PORT must be a TCP port number, got '$PORT'"
	fi

	# Serialise concurrent runs (lock the script file itself; the lock fd is
	# closed for every long-lived child so the postmaster never holds it).
	if have flock; then
		exec 9<"${BASH_SOURCE[0]}"
		flock -w 300 9 || die "timed out waiting for another scripts/postgres.sh"
	fi

	local base='' data logf port bindir version=
	if base=$(running_base); then
		data=$base/postgres
		port=$(running_port "$data")
		if [[ $port == "$PORT" ]]; then
			log "reusing the private cluster in $data (port $PORT)"
			verify_private
			private_url "$PORT"
			return 0
		fi
		log "private cluster in $data runs on port $port; restarting it on port $PORT"
	else
		base=$(existing_base) || base=
	fi
	[[ -z $base ]] || version=$(<"$base/postgres/PG_VERSION")

	# Server binaries (of the cluster's version, if it exists already).
	if ! bindir=$(find_bindir "$version"); then
		if [[ -n $version ]] && find_bindir >/dev/null; then
			die "$base/postgres was made by PostgreSQL $version, whose binaries are missing;" \
				"install postgresql-$version, or remove it (scripts/postgres.sh stop; rm -rf $base/postgres)"
		fi
		install_server
		bindir=$(find_bindir "$version") || die "PostgreSQL server binaries still not found" \
			"after installing; install the PostgreSQL server: apt-get install postgresql"
	fi

	if is_root; then ensure_os_user; fi
	[[ -n $base ]] || base=$(choose_base)
	data=$base/postgres
	logf=$base/postgres.log
	if is_root && ! as_owner test -x "$base"; then
		die "OS user $PG_OS_USER cannot traverse the path to $base"
	fi

	# Cluster.
	if [[ ! -f $data/PG_VERSION ]]; then
		[[ -d $data ]] || mkdir -m 0700 -- "$data"
		if is_root; then chown "$PG_OS_USER:" "$data"; fi
		log "initialising a private cluster in $data ($("$bindir/postgres" -V))"
		local -a initdb=("$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8)
		if [[ $("$bindir/initdb" --help 2>/dev/null) == *--no-instructions* ]]; then
			initdb+=(--no-instructions)
		fi
		if ! as_owner "${initdb[@]}" --locale=C.UTF-8 >&2 9<&-; then
			log "initdb with --locale=C.UTF-8 failed; retrying with --locale=C"
			find "$data" -mindepth 1 -delete
			as_owner "${initdb[@]}" --locale=C >&2 9<&- || die "initdb failed"
		fi
	fi
	write_conf "$data"
	touch -- "$logf"
	if is_root; then chown "$PG_OS_USER:" "$logf"; fi

	if running_port "$data" >/dev/null; then
		as_owner "$bindir/pg_ctl" -D "$data" -l "$logf" -w -t 60 -m fast restart >&2 9<&- ||
			fail_start "$logf" restart
	else
		log "starting the private cluster on 127.0.0.1:$PORT (log: $logf)"
		as_owner "$bindir/pg_ctl" -D "$data" -l "$logf" -w -t 60 start >&2 9<&- ||
			fail_start "$logf" start
	fi
	verify_private
	private_url "$PORT"
}

fail_start() {
	log "pg_ctl $2 failed; last lines of $1:"
	tail -n 20 -- "$1" >&2 || true
	die "could not $2 the private PostgreSQL cluster (is port $PORT taken? set KAOPING_PG_PORT)"
}

verify_private() {
	have psql || return 0
	local url
	url=$(private_url "$PORT")
	probe "$url" || die "private cluster does not answer at $url: $PROBE_ERROR"
}

stop_private() {
	local b data port version bindir pid stopped=0
	for b in "${BASES[@]}"; do
		data=$b/postgres
		port=$(running_port "$data") || continue
		version=$(<"$data/PG_VERSION")
		log "stopping the private cluster in $data (port $port)"
		if bindir=$(find_bindir "$version"); then
			as_owner "$bindir/pg_ctl" -D "$data" -m fast -w -t 60 stop >&2
		else
			# No pg_ctl for that version: fast shutdown by signal.
			read -r pid <"$data/postmaster.pid"
			kill -INT "$pid"
			for _ in $(seq 1 60); do
				kill -0 "$pid" 2>/dev/null || break
				sleep 1
			done
			! kill -0 "$pid" 2>/dev/null || die "postmaster $pid did not stop"
		fi
		stopped=1
	done
	[[ $stopped -eq 1 ]] || log "no private cluster is running"
}

status_private() {
	local b port
	if b=$(running_base); then
		port=$(running_port "$b/postgres")
		log "private cluster running in $b/postgres on port $port"
		private_url "$port"
	else
		log "no private cluster is running"
		return 3
	fi
}

# ---------------------------------------------------------------------------

get_url() {
	local url
	# 1. DATABASE_URL
	if [[ -n ${DATABASE_URL:-} ]]; then
		if ! url=$(maintenance_url "$DATABASE_URL"); then
			log "warning: DATABASE_URL is not a postgres:// URL nor a key=value string; ignoring it"
		elif probe "$url"; then
			printf '%s\n' "$url"
			return 0
		else
			log "DATABASE_URL server not usable ($(redact "$url"): $PROBE_ERROR); trying the next option"
		fi
	fi

	# 2. the machine's server on 127.0.0.1:5432
	if [[ ${KAOPING_PG_SKIP_DEFAULT:-} == 1 ]]; then
		log "KAOPING_PG_SKIP_DEFAULT=1: not trying 127.0.0.1:5432"
	elif probe "$DEFAULT_URL"; then
		printf '%s\n' "$DEFAULT_URL"
		return 0
	elif ! have psql && ! have pg_isready && (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; then
		log "warning: no psql/pg_isready to check 127.0.0.1:5432, but the port is open; using it"
		printf '%s\n' "$DEFAULT_URL"
		return 0
	else
		log "no usable server on 127.0.0.1:5432 ($PROBE_ERROR); using a private cluster"
	fi

	# 3. private cluster
	start_private
}

main() {
	case "${1:-}" in
	'' | url) get_url ;;
	stop) stop_private ;;
	status) status_private ;;
	-h | --help | help) usage ;;
	*)
		usage
		die "unknown command: $1"
		;;
	esac
}

main "$@"
