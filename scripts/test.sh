#!/usr/bin/env bash
# scripts/test.sh — `make test`, and what CI runs: every test against a real
# PostgreSQL and a real Chromium, which it finds, starts or installs.
#   1. generated code is up to date (gqlgen and GraphQL client types)
#   2. gofmt and go vet, Go tests (each package in its own fresh database),
#      a short run of every fuzz target
#   3. frontend type check, ESLint and unit tests
#   4. build the SPA and the binary; a short soak (20 clients, 10 s, with
#      database and server kills); the bench's smoke run (city, seconds);
#      browser tests against the binary
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

log "gofmt and go vet"
unformatted=$(gofmt -l $(git ls-files --cached --others --exclude-standard -- '*.go'))
if [[ -n $unformatted ]]; then
  printf '%s\n' "$unformatted" >&2
  echo "these Go files are not gofmt-formatted: run 'gofmt -w' on them and commit" >&2
  exit 1
fi
if ! go vet $(go_packages); then
  echo "go vet found problems (above): fix them before committing" >&2
  exit 1
fi

log "Go tests"
# -p and -parallel bound the PostgreSQL connections (see server/testdb): at
# most 2 packages × 4 tests × (4 + 1) = 40, well under the default 100.
go test -count=1 -timeout 30m -p 2 -parallel 4 $(go_packages)

log "fuzzing each Fuzz target for ${KAOPING_FUZZTIME:=3s}"
# Every fuzz target in the repository, found in the sources, so a new one
# runs without editing this script. A failing input is written to the
# package's testdata/fuzz/ and fails the run.
while IFS=: read -r file decl; do
  target=${decl#func }
  pkg=./$(dirname -- "$file")
  fuzz() { go test -run '^$' -fuzz "^${target}\$" -fuzztime "$KAOPING_FUZZTIME" -fuzzminimizetime 1s "$pkg" 2>&1; }
  out=$(fuzz) && continue
  # A found failure always leaves its input in testdata/fuzz/. Without one,
  # the engine itself gave up: under a loaded machine a worker can miss
  # the coordinator's deadline at the end of -fuzztime ("context deadline
  # exceeded", no input). That is not a finding: fuzz once more.
  if [[ -z $(git status --porcelain --untracked-files=all -- "$pkg/testdata/fuzz/$target") ]] && grep -q 'context deadline exceeded' <<<"$out"; then
    printf '%s\n' "$out" >&2
    echo "fuzz target $target: the engine timed out without an input; running it again" >&2
    out=$(fuzz) && continue
  fi
  printf '%s\n' "$out" >&2
  echo "fuzz target $target in $pkg failed: the input is in $pkg/testdata/fuzz/$target/; fix the code and commit the input as a regression case" >&2
  exit 1
done < <(git grep -o -E '^func Fuzz[A-Za-z0-9_]+' -- '*_test.go')

log "frontend type check, lint and unit tests"
npm run --silent typecheck
if ! npm run --silent lint; then
  echo "ESLint found problems (above): fix them, or run 'npx eslint --fix'" >&2
  exit 1
fi
npm test --silent

build
scripts/soak.sh -clients 20 -duration 10s -signins 5
scripts/bench.sh -smoke
scripts/e2e.sh "$admin"
log "all tests passed"
