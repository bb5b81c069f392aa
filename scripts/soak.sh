#!/usr/bin/env bash
# scripts/soak.sh [FLAGS] — `make soak`: the real server under load and
# faults, then checks that nothing was lost (server/soak says what exactly).
# Loopback only, bounded (default 200 clients for 60 s, then two kill -9
# restarts; a few minutes in all), on a database of its own that it drops.
# FLAGS go to the soak command, e.g. -clients 20 -duration 10s -signins 5
# (the short run `make test` does).
set -euo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

admin=$(scripts/postgres.sh)
# The binary under test: rebuilt from this tree (the SPA is embedded when
# it was built; the soak does not need it).
go build -o bin/kaoping ./server
log "soak against bin/kaoping"
go run ./server/soak -binary bin/kaoping -admin-url "$admin" "$@"
