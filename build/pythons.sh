#!/usr/bin/env bash
# Prints the interpreters gomv is tested on: the newest 3.11, 3.12 and 3.13
# that pyenv (or PATH) has, one path a line. GOMV_PYTHONS overrides the list.
set -u
if [ -n "${GOMV_PYTHONS:-}" ]; then
  printf '%s\n' $GOMV_PYTHONS
  exit 0
fi
root=${PYENV_ROOT:-$HOME/.pyenv}
for v in 3.11 3.12 3.13; do
  p=$(ls -d "$root"/versions/$v.* 2>/dev/null | grep -E "/$v\.[0-9]+$" | sort -V | tail -n 1)
  if [ -n "$p" ] && [ -x "$p/bin/python" ]; then
    echo "$p/bin/python"
  elif command -v "python$v" >/dev/null 2>&1; then
    command -v "python$v"
  fi
done
