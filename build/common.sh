# Shell helpers for build/*.sh (sourced, not run).

# pyver PY: prints the interpreter's X.Y.
pyver() { "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])'; }

# venv_for PY DIR: makes DIR a venv of PY unless it already is one that works.
venv_for() {
  [ -x "$2/bin/python" ] && "$2/bin/python" -c 'import pip' 2>/dev/null && return 0
  rm -rf "$2"
  "$1" -m venv "$2"
}

# pip_build LOG CMD...: runs a pip command that builds gomv (give it -v) with
# its output in LOG, showing build/build.py's step lines as they come; on
# failure shows the end of LOG.
pip_build() {
  local log=$1; shift
  set +e
  "$@" >"$log" 2>&1 &
  local pid=$!
  tail -n +1 -f --pid=$pid "$log" 2>/dev/null | grep --line-buffered -E '^ *gomv build:' | sed -u 's/^ *//'
  wait $pid
  local rc=$?
  set -e
  if [ $rc -ne 0 ]; then
    echo "--- last lines of $log:" >&2
    tail -n 40 "$log" >&2
  fi
  return $rc
}

# selfcheck PY: imports gomv and runs its differential self-check with no
# environment but a minimal PATH, from a directory outside the repository.
selfcheck() {
  local dir rc=0
  dir=$(mktemp -d /tmp/gomv-check.XXXXXX)
  (cd "$dir" && env -i PATH=/usr/bin:/bin "$1" -m gomv --quiet) || rc=$?
  rm -rf "$dir"
  return $rc
}
