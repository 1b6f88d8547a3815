#!/usr/bin/env bash
# make wheels: one wheel per interpreter build/pythons.sh finds, repaired by
# auditwheel to a manylinux tag, in dist/ (GOMV_WHEELHOUSE overrides). Each
# wheel is then installed into a fresh venv of its own Python and checked
# there with no environment variables, from outside the repository: it must
# import, its library must need no RUNPATH and no libpython, and
# `python -m gomv --quiet` (the differential self-check) must pass.
# Every interpreter is tried; the exit status is 1 if any failed.
set -eu
cd "$(dirname "$0")/.."
root=$PWD
. build/common.sh
out=${GOMV_WHEELHOUSE:-$root/dist}
pythons=$(build/pythons.sh)
[ -n "$pythons" ] || { echo "wheels: no Python 3.11-3.15 found" >&2; exit 1; }
mkdir -p "$out"

tools=$(build/tools.sh)   # auditwheel, and a patchelf it accepts

work=$(mktemp -d /tmp/gomv-wheels.XXXXXX)
trap 'rm -rf "$work"' EXIT
status=0
summary=
for py in $pythons; do
  ver=$(pyver "$py"); tag=cp${ver/./}
  echo "=== wheel for Python $ver ($py)"
  start=$(date +%s)
  venv=$root/build/venv-$ver
  venv_for "$py" "$venv"
  rm -rf "$work/raw"
  rm -f "$out"/gomv-*-$tag-$tag-*.whl
  # An isolated build: pip installs pyproject.toml's build requirements.
  if ! pip_build "$work/build-$tag.log" "$venv/bin/python" -m pip wheel -v --no-deps -w "$work/raw" .; then
    status=1; summary="$summary$tag: build FAILED"$'\n'; continue
  fi
  if ! PATH=$tools/bin:$PATH auditwheel repair -w "$out" "$work"/raw/gomv-*.whl >"$work/repair-$tag.log" 2>&1; then
    cat "$work/repair-$tag.log" >&2
    status=1; summary="$summary$tag: auditwheel repair FAILED"$'\n'; continue
  fi
  whl=$(ls "$out"/gomv-*-$tag-$tag-*.whl)
  echo "auditwheel: $(basename "$whl")"
  # The library as shipped: no path of this machine, no libpython.
  rm -rf "$work/x"; mkdir "$work/x"
  (cd "$work/x" && "$py" -m zipfile -e "$whl" .)
  dyn=$(readelf -d "$work"/x/gomv/core/_core*.so)
  if echo "$dyn" | grep -E 'RPATH|RUNPATH|libpython'; then
    echo "wheels: $whl: the library must have no RPATH/RUNPATH and not link libpython" >&2
    status=1; summary="$summary$tag: $(basename "$whl") bad dynamic section"$'\n'; continue
  fi
  # A fresh venv of the same Python, the wheel alone, nothing in the environment.
  rm -rf "$work/venv"
  "$py" -m venv "$work/venv"
  "$work/venv/bin/python" -m pip install -q --no-index --no-deps "$whl"
  if selfcheck "$work/venv/bin/python"; then ok="self-check OK"; else ok="self-check FAILED"; status=1; fi
  size=$(du -k "$whl" | cut -f1)
  summary="$summary$tag: $(basename "$whl") ${size} KiB, $(( $(date +%s) - start )) s, $ok"$'\n'
done
echo "=== wheels in $out"
printf '%s' "$summary"
exit $status
