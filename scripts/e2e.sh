#!/usr/bin/env bash
# scripts/e2e.sh ADMIN_URL [TEST_FILE...] — browser tests: start bin/kaoping
# on a fresh database with the demo data on a free port, run the browser tests
# (all of frontend/e2e/, or only the files named) against it in headless
# Chromium, then stop the server and drop the database.
set -euo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

admin=$1
shift
name="kaoping_e2e_$$"
drop_database "$admin" "$name"
ensure_database "$admin" "$name"
export DATABASE_URL=$(db_url "$admin" "$name")
CHROMIUM_PATH=$(scripts/chromium.sh)
export CHROMIUM_PATH

bin/kaoping demo >/dev/null
logfile=$(mktemp)
ADDR=127.0.0.1:0 bin/kaoping serve 2>"$logfile" &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  drop_database "$admin" "$name" || true
  rm -f "$logfile"
}
trap cleanup EXIT

# The server logs the address it listens on; wait for it and for /healthz
# (polling a readiness signal, bounded, not a fixed sleep).
addr=
for _ in $(seq 1 300); do
  addr=$(sed -n 's/.*msg=serving addr=\([0-9.:]*\).*/\1/p' "$logfile" | head -n 1)
  if [[ -n $addr ]] && curl -fsS "http://$addr/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then cat "$logfile" >&2; exit 1; fi
  sleep 0.1
done
[[ -n $addr ]] || { echo "server did not start" >&2; cat "$logfile" >&2; exit 1; }

log "browser tests against http://$addr"
if (($#)); then
  KAOPING_URL="http://$addr" node --test "$@"
else
  KAOPING_URL="http://$addr" npm run --silent e2e
fi
# Everything the browser tests wrote kept the results' roll-ups in step.
log "results verify after the browser tests"
bin/kaoping results verify
