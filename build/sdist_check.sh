#!/usr/bin/env bash
# make sdist-check [PY=...]: what a user with the sdist gets, for one
# interpreter (default /usr/bin/python3, Debian's system Python: PEP 668, so
# venvs only). `python -m build` in a fresh venv makes the sdist and builds
# the wheel from the unpacked sdist (so the sdist must carry everything the
# Go build needs); the wheel is installed into another fresh venv and must
# import and pass `python -m gomv --quiet` with no environment variables,
# outside the repository. The sdist and wheel are left in dist/.
set -eu
py=${1:-/usr/bin/python3}
cd "$(dirname "$0")/.."
root=$PWD
. build/common.sh
work=$(mktemp -d /tmp/gomv-sdist.XXXXXX)
trap 'rm -rf "$work"' EXIT
ver=$(pyver "$py")
echo "=== sdist and wheel with Python $ver ($py)"
start=$(date +%s)
"$py" -m venv "$work/build-venv"
"$work/build-venv/bin/python" -m pip install -q build
pip_build "$work/build.log" "$work/build-venv/bin/python" -m build -o "$work/dist" .
sdist=$(ls "$work"/dist/gomv-*.tar.gz)
whl=$(ls "$work"/dist/gomv-*.whl)
"$py" -m venv "$work/run-venv"
"$work/run-venv/bin/python" -m pip install -q --no-index --no-deps "$whl"
selfcheck "$work/run-venv/bin/python"
mkdir -p dist
cp "$sdist" "$whl" dist/
echo "sdist-check: $(basename "$sdist") ($(du -k "$sdist" | cut -f1) KiB) -> $(basename "$whl"), self-check OK, $(( $(date +%s) - start )) s"
