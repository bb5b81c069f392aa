#!/usr/bin/env bash
# scripts/generate.sh — `make generate`: regenerate the gqlgen executor and
# models (graph/) and the typed GraphQL documents (frontend/src/gql) from
# schema/*.graphqls. Never edit their output by hand.
set -euo pipefail
source "$(dirname -- "${BASH_SOURCE[0]}")/lib.sh"

go run github.com/99designs/gqlgen generate
npm_install
npm run --silent codegen
