#!/usr/bin/env bash
# Builds gomv for one interpreter into a private tree, so several people (or
# interpreters) can test side by side without replacing each other's library:
#   build/devtree.sh /root/.pyenv/versions/3.12.1/bin/python /tmp/mytree
#   PYTHONPATH=/tmp/mytree /root/.pyenv/versions/3.12.1/bin/python -c 'import gomv'
# Extra arguments go to build/build.py (e.g. --cflags "-fsanitize=address").
set -eu
py=$1; dir=$2; shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir/gomv"
cp "$root"/python/gomv/*.py "$root"/python/gomv/*.pyi "$root"/python/gomv/py.typed "$dir/gomv/" 2>/dev/null || true
"$py" -c 'import pybindgen' 2>/dev/null || "$py" -m pip install -q pybindgen
"$py" "$root/build/build.py" --out "$dir/gomv/core" "$@"
