#!/usr/bin/env bash
# Prints the interpreters gomv is built and tested for, one path a line: for
# each of 3.11-3.15 the newest pyenv has, else Debian's build installed by
# the shared cpython.sh (/opt/cpython/3.1X/usr/bin/python3.1X), else
# python3.1X on PATH. GOMV_PYTHONS (paths separated by spaces) overrides it.
set -u
if [ -n "${GOMV_PYTHONS:-}" ]; then
  printf '%s\n' $GOMV_PYTHONS
  exit 0
fi
root=${PYENV_ROOT:-$HOME/.pyenv}
opt=${CPYTHON_ROOT:-/opt/cpython}
for v in 3.11 3.12 3.13 3.14 3.15; do
  p=$(ls -d "$root"/versions/$v.* 2>/dev/null | grep -E "/$v\.[0-9]+$" | sort -V | tail -n 1)
  if [ -n "$p" ] && [ -x "$p/bin/python" ]; then
    echo "$p/bin/python"
  elif [ -x "$opt/$v/usr/bin/python$v" ]; then
    echo "$opt/$v/usr/bin/python$v"
  elif command -v "python$v" >/dev/null 2>&1; then
    command -v "python$v"
  fi
done
