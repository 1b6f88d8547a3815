#!/usr/bin/env bash
# make pytest: builds the wheels (build/wheels.sh: one per interpreter that
# build/pythons.sh finds, repaired by auditwheel, each checked in a fresh
# venv), then installs each wheel into build/venv-X.Y with the test
# requirements and runs the pytest suite there twice: with the C fast
# paths, and with GOMV_NO_FASTPATH=1 (every operation through its Go twin)
# to prove they agree. The suite runs against the wheel as shipped.
# Extra arguments go to pytest.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
. build/common.sh
pythons=$(build/pythons.sh)
[ -n "$pythons" ] || { echo "pytest_all: no Python 3.11-3.15 found" >&2; exit 1; }
status=0
build/wheels.sh || status=1
# The fork stress test forks 10,000 times on the newest interpreter and
# 1,000 times on the others (pytests/test_fork.py).
newest=$(printf '%s\n' $pythons | tail -n 1)
for py in $pythons; do
  ver=$(pyver "$py"); tag=cp${ver/./}
  venv=$root/build/venv-$ver
  echo "=== Python $ver ($py)"
  whl=$(ls dist/gomv-*-$tag-$tag-*.whl 2>/dev/null || true)
  [ -n "$whl" ] || { echo "pytest_all: no wheel for Python $ver" >&2; status=1; continue; }
  "$venv/bin/python" -m pip install -q --upgrade pip
  # The requirements only as wheels: on a Python too new for some package's
  # wheels (numpy, matplotlib) the suite runs without it (its cases skip)
  # rather than compile it; which ones are missing is said.
  if ! "$venv/bin/python" -m pip install -q --only-binary :all: -r pytests/requirements.txt 2>/dev/null; then
    for req in $(grep -v -E '^\s*(#|$)' pytests/requirements.txt); do
      "$venv/bin/python" -m pip install -q --only-binary :all: "$req" ||
        echo "pytest_all: no wheel of $req for Python $ver: the suite runs without it" >&2
    done
  fi
  "$venv/bin/python" -m pip install -q --force-reinstall --no-deps "$whl"
  # Run from pytests/ so the installed wheel, not the source tree, is imported.
  for fast in 1 0; do
    if [ $fast = 1 ]; then label="fast paths on"; env=""; else label="GOMV_NO_FASTPATH=1"; env="GOMV_NO_FASTPATH=1"; fi
    echo "--- Python $ver, $label"
    stress=""
    [ "$py" = "$newest" ] && stress="GOMV_FORK_STRESS=full"
    (cd pytests && env $env $stress "$venv/bin/python" -m pytest -q -p no:cacheprovider "$@" .) || status=1
  done
done
exit $status
