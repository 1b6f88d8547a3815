#!/usr/bin/env bash
# Installs gomv into a fresh venv of every interpreter build/pythons.sh finds
# and runs the pytest suite there twice: with the C fast paths, and with
# GOMV_NO_FASTPATH=1 (every operation through its Go twin) to prove they agree.
# Extra arguments go to pytest.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
pythons=$(build/pythons.sh)
[ -n "$pythons" ] || { echo "pytest_all: no Python 3.11-3.13 found" >&2; exit 1; }
status=0
for py in $pythons; do
  ver=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  venv=$root/build/venv-$ver
  echo "=== Python $ver ($py)"
  [ -x "$venv/bin/python" ] || "$py" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$venv/bin/python" -m pip install -q -r pytests/requirements.txt setuptools wheel pybindgen
  "$venv/bin/python" -m pip install -q --no-build-isolation --force-reinstall --no-deps .
  # Run from pytests/ so the installed wheel, not the source tree, is imported.
  for fast in 1 0; do
    if [ $fast = 1 ]; then label="fast paths on"; env=""; else label="GOMV_NO_FASTPATH=1"; env="GOMV_NO_FASTPATH=1"; fi
    echo "--- Python $ver, $label"
    (cd pytests && env $env "$venv/bin/python" -m pytest -q -p no:cacheprovider "$@" .) || status=1
  done
done
exit $status
