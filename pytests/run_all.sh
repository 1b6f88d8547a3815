#!/bin/sh
# Runs the conformance suite against gomv twice: with the C fast paths and with
# GOMV_NO_FASTPATH=1 (their Go twins). GOMV_NO_FASTPATH is read when gomv is
# imported, so each mode is its own pytest process.
#   pytests/run_all.sh [pytest args...]      e.g. HYPOTHESIS_PROFILE=ci pytests/run_all.sh -x
# Self-check of the tests themselves: GOMV_TEST_TARGET=builtin pytests/run_all.sh
set -u
cd "$(dirname "$0")/.." || exit 2
PY=${PYTHON:-python3}
export PYTHONPATH="python${PYTHONPATH:+:$PYTHONPATH}"
rc=0
echo "== fast paths on"
env -u GOMV_NO_FASTPATH "$PY" -m pytest pytests -q "$@" || rc=1
if [ "${GOMV_TEST_TARGET:-gomv}" = gomv ]; then
    echo "== GOMV_NO_FASTPATH=1"
    GOMV_NO_FASTPATH=1 "$PY" -m pytest pytests -q "$@" || rc=1
fi
exit $rc
