# Shared by run.sh, test.sh and e2e.sh: locate tools and databases.
# shellcheck shell=bash

REPO_ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$REPO_ROOT"

log() { printf '==> %s\n' "$*" >&2; }

# psql from PATH or from the server binaries scripts/postgres.sh found.
psql_bin() {
  if command -v psql >/dev/null 2>&1; then
    command -v psql
  else
    ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1
  fi
}

# db_url ADMIN_URL NAME: the URL of database NAME on ADMIN_URL's server.
db_url() {
  local admin=$1 name=$2
  local base=${admin%%\?*} query=
  [[ $admin == *\?* ]] && query="?${admin#*\?}"
  printf '%s/%s%s\n' "${base%/*}" "$name" "$query"
}

# ensure_database ADMIN_URL NAME: create NAME unless it exists.
ensure_database() {
  local admin=$1 name=$2 psql
  psql=$(psql_bin)
  if [[ -z $("$psql" "$admin" -XtAc "SELECT 1 FROM pg_database WHERE datname = '$name'") ]]; then
    log "creating database $name"
    "$psql" "$admin" -Xqc "CREATE DATABASE \"$name\""
  fi
}

# drop_database ADMIN_URL NAME
drop_database() {
  "$(psql_bin)" "$1" -Xqc "DROP DATABASE IF EXISTS \"$2\" WITH (FORCE)" >/dev/null
}

# go_packages: the module's Go packages, without the stray Go sources some
# npm packages ship under node_modules (go ./... would walk into them).
go_packages() {
  go list ./... | grep -v /node_modules/
}

# npm_install: install JS dependencies exactly as locked.
npm_install() {
  if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
    log "installing JS dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# build: the SPA, then the binary that embeds it, into bin/kaoping.
build() {
  npm_install
  log "building the SPA"
  npm run --silent build
  log "building bin/kaoping"
  go build -o bin/kaoping ./server
}
