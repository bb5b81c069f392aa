# The two commands a new machine needs:
#   make run    build, start PostgreSQL if needed, load demo data, serve on :8080
#   make test   every test (what .ci/run runs)
.PHONY: run test generate build

run:
	scripts/run.sh

test:
	scripts/test.sh

generate:
	scripts/generate.sh

build:
	bash -c 'source scripts/lib.sh && build'
