# The two commands a new machine needs:
#   make run    build, start PostgreSQL if needed, load demo data, serve on :8080
#   make test   every test (what .ci/run runs)
#   make soak   200 clients for 60 s with database and server kills, then checks
.PHONY: run test generate build soak

run:
	scripts/run.sh

test:
	scripts/test.sh

soak:
	scripts/soak.sh

bench:
	scripts/bench.sh

generate:
	scripts/generate.sh

build:
	bash -c 'source scripts/lib.sh && build'
