#!/usr/bin/env bash
# scripts/test.sh — `make test`, and what CI runs: every test against a real
# PostgreSQL and a real Chromium, which it finds, starts or installs.
#   1. generated code is up to date (gqlgen and GraphQL client types)
#   2. go vet, Go tests (each package in its own fresh database)
#   3. frontend type check and unit tests
#   4. build the SPA and the binary; a short soak (20 clients, 10 s, with
#      database and server kills); browser tests against the binary
set -euo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

admin=$(scripts/postgres.sh)
export KAOPING_TEST_DATABASE_URL=$admin
npm_install

log "checking generated code is up to date"
scripts/generate.sh
if ! git diff --exit-code --stat -- graph frontend/src/gql; then
  echo "generated code is out of date: run 'make generate' and commit the result" >&2
  exit 1
fi
if [[ -n $(git status --porcelain --untracked-files=all -- graph frontend/src/gql) ]]; then
  git status --short -- graph frontend/src/gql >&2
  echo "generated files are not committed: run 'make generate' and commit the result" >&2
  exit 1
fi

log "go vet"
go vet ./...
log "Go tests"
go test -count=1 ./...

log "frontend type check and unit tests"
npm run --silent typecheck
npm test --silent

build
scripts/soak.sh -clients 20 -duration 10s -signins 5
scripts/e2e.sh "$admin"
log "all tests passed"
