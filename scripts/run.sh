#!/usr/bin/env bash
# scripts/run.sh — `make run`: build everything, find or start PostgreSQL,
# migrate, load the demo data into an empty database, and serve on
# http://localhost:8080 (ADDR overrides). DATABASE_URL, if set, names the
# database to use; otherwise a database `kaoping` on the server that
# scripts/postgres.sh finds or starts.
set -euo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

build
if [[ -z ${DATABASE_URL:-} ]]; then
  admin=$(scripts/postgres.sh)
  ensure_database "$admin" kaoping
  export DATABASE_URL=$(db_url "$admin" kaoping)
fi
log "loading demo data (only into an empty database)"
bin/kaoping demo
cat >&2 <<MSG

  Kaoping is starting on http://localhost${ADDR:-:8080}
  Demo data: plan 包头市数字政府建设考评(2023年度); the demo accounts and their
  passwords in README.md are for demonstration only.

MSG
exec bin/kaoping serve
