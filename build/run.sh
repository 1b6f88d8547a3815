#!/usr/bin/env bash
# make run [PY=python3]: installs gomv (pip install .) into the project venv
# .venv, made with PY (remade when PY is another interpreter), and runs the
# self-check `python -m gomv` from outside the repository. A venv also works
# with a system Python that refuses pip installs (PEP 668).
set -eu
py=${1:-python3}
cd "$(dirname "$0")/.."
root=$PWD
. build/common.sh
ident='import sys; print(sys.base_prefix, sys.version)'
want=$("$py" -c "$ident")
if [ -x .venv/bin/python ] && [ "$(.venv/bin/python -c "$ident" 2>/dev/null)" = "$want" ]; then
  echo "make run: using the project venv .venv (Python $(pyver "$py"), made with $py)"
else
  echo "make run: creating the project venv .venv with $py (Python $(pyver "$py"))"
  rm -rf .venv
  "$py" -m venv .venv
fi
echo "make run: pip install . into .venv"
log=$(mktemp /tmp/gomv-run.XXXXXX)
pip_build "$log" .venv/bin/python -m pip install -v --force-reinstall --no-deps .
rm -f "$log"
dir=$(mktemp -d /tmp/gomv-run.XXXXXX)
echo "make run: .venv/bin/python -m gomv (in $dir)"
rc=0
(cd "$dir" && "$root/.venv/bin/python" -m gomv) || rc=$?
rm -rf "$dir"
exit $rc
