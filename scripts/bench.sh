#!/usr/bin/env bash
# scripts/bench.sh [FLAGS] — `make bench`: the real server over HTTP against
# the one-statement SQL floor at city and province scale, one table
# (server/bench says what exactly). Loopback only; the province fixture is
# built once and kept on the PostgreSQL server, every run works on clones it
# drops. FLAGS go to the bench command, e.g. -smoke (the short run `make
# test` does), -scales city, -duration 10s.
set -euo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

admin=$(scripts/postgres.sh)
export KAOPING_TEST_DATABASE_URL=$admin
# The binary under test: rebuilt from this tree (the SPA is embedded when
# it was built; the bench does not need it).
go build -o bin/kaoping ./server
log "bench against bin/kaoping"
go run ./server/bench -binary bin/kaoping "$@"
