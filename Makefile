# gomv developer entry points.
#   make run     install gomv into the project venv .venv (made with PY) and run its self-check
#   make test    all tests: Go core, the build, then pytest on every Python 3.11-3.15 present
PY     ?= python3
GO     ?= go
FUZZTIME ?= 2m
# The interpreter make sdist-check builds with (make test: when it exists).
SYSPY  ?= /usr/bin/python3

.PHONY: run run-sys test gotest buildtest pytest pytest-dev ext wheel wheels sdist-check sdist-check-sys bench bench-check bench-baseline gobench fuzz fuzz-short clean asan fuzz-py

run:
	build/run.sh $(PY)

test: gotest buildtest sdist-check-sys run-sys pytest

# go vet covers the cgo glue too (build tag gomvext; it needs Python.h).
gotest:
	$(GO) vet ./...
	CGO_CFLAGS="-I$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["include"])')" \
	  $(GO) vet -tags gomvext ./ext/
	$(GO) test -count=1 -cover ./...

# build/build.py's checks: a missing Go, an old Go, no C compiler, missing or
# broken Python headers, no pybindgen each fail with a clear message.
buildtest:
	build/tools.sh >/dev/null
	build/venv-tools/bin/python build/test_build.py

# One manylinux wheel per interpreter in dist/, each checked in a fresh venv.
wheels:
	build/wheels.sh

# sdist -> wheel -> fresh venv -> self-check, with SYSPY.
sdist-check:
	build/sdist_check.sh $(SYSPY)

# make run as a user of the system Python does it (PEP 668: only the
# project venv works there); make test runs it so it keeps working.
run-sys:
	@if [ -x $(SYSPY) ]; then build/run.sh $(SYSPY); else echo "no $(SYSPY): run-sys skipped"; fi

sdist-check-sys:
	@if [ -x $(SYSPY) ]; then build/sdist_check.sh $(SYSPY); else echo "no $(SYSPY): sdist-check skipped"; fi

# The wheels (as make wheels), then pytest on every interpreter against its
# wheel, with and without the C fast paths.
pytest:
	build/pytest_all.sh

# The suite against the in-place build for $(PY) only, both ways: the quick loop.
pytest-dev: ext
	cd pytests && PYTHONPATH=$(CURDIR)/python $(PY) -m pytest -q -p no:cacheprovider .
	cd pytests && PYTHONPATH=$(CURDIR)/python GOMV_NO_FASTPATH=1 $(PY) -m pytest -q -p no:cacheprovider .

# Build the extension in place (python/gomv/core) for $(PY); then
# PYTHONPATH=python $(PY) -c 'import gomv' uses it.
ext:
	$(PY) build/build.py

# A wheel for PY alone, not repaired (make wheels makes the ones to ship).
wheel:
	$(PY) -m pip wheel --no-deps . -w dist

# gomv vs the built-in, per row, in one run; the chart the README shows.
bench: ext
	PYTHONPATH=python $(PY) -m gomv.bench --svg bench/bench.svg

# The regression guard (not part of make test): fails when a row's ratio is
# worse than bench/baseline.json's for this Python version by more than the
# noise both runs measured. bench-baseline records this run as the baseline.
bench-check: ext
	PYTHONPATH=python $(PY) -m gomv.bench --svg '' --check bench/baseline.json

bench-baseline: ext
	PYTHONPATH=python $(PY) -m gomv.bench --svg bench/bench.svg --save-baseline bench/baseline.json

gobench:
	$(GO) test ./gomv -run XXX -bench . -benchtime 20x

# Each Go fuzz target, of every package that has some, for FUZZTIME
# (make fuzz FUZZTIME=2m).
fuzz:
	@for p in $$($(GO) list ./...); do \
	  for t in $$($(GO) test $$p -list 'Fuzz.*' | grep ^Fuzz); do \
	    echo "--- $$p $$t"; $(GO) test $$p -run XXX -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) || exit 1; done; done

# CI's bound is a count of executions, not a duration: with a wall-clock
# -fuzztime, Go 1.26's fuzz coordinator can report "context deadline exceeded"
# as a failure at the deadline with no crasher (golang/go#75804, fixed in 1.27).
fuzz-short:
	$(MAKE) fuzz FUZZTIME=150000x

# The pytest suite against a private build with ASan+UBSan on the C layer; fails on
# any sanitizer report (build/asan.sh).
asan:
	build/asan.sh $(PY)

# Differential op-sequence fuzzing (pytests/test_fuzz_ops.py) of the in-place build:
# FUZZ_EXAMPLES sequences in all, split over FUZZ_JOBS processes.
FUZZ_EXAMPLES ?= 100000
FUZZ_JOBS ?= 2
fuzz-py: ext
	cd pytests && pids=; for j in $$(seq $(FUZZ_JOBS)); do \
	  GOMV_FUZZ_EXAMPLES=$$(( $(FUZZ_EXAMPLES) / $(FUZZ_JOBS) )) PYTHONPATH=$(CURDIR)/python timeout 14400 \
	  $(PY) -m pytest -q -p no:cacheprovider --hypothesis-show-statistics test_fuzz_ops.py & \
	  pids="$$pids $$!"; done; fail=0; for p in $$pids; do wait $$p || fail=1; done; exit $$fail

clean:
	rm -rf build/_gen build/_setuptools build/bin build/venv-* dist python/gomv/core coverage.out
