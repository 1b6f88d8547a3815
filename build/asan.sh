#!/usr/bin/env bash
# make asan: the pytest suite against a private build whose C code (ext/*.c and
# gopy's generated C) is compiled with AddressSanitizer + UndefinedBehaviorSanitizer.
#   build/asan.sh [python] [pytest arguments...]
# Without pytest arguments: the whole suite twice, with the C fast paths and with
# --no-fastpath (the C layer calling its Go twins), one build.
# Fails if pytest fails OR any sanitizer report was written, so a report inside a
# test that still "passes" (or one pytest never sees because the process died) counts.
# Environment: GOMV_ASAN_TREE (build dir), GOMV_ASAN_TIMEOUT (seconds per run, default 3600),
# ASAN_OPTIONS / UBSAN_OPTIONS (appended to the defaults below, so they win).
set -eu
py=${1:-python3}
[ $# -gt 0 ] && shift
root=$(cd "$(dirname "$0")/.." && pwd)
tag=$("$py" -c 'import sys; print("%s%d%d" % (sys.implementation.name, *sys.version_info[:2]))')
tree=${GOMV_ASAN_TREE:-$root/build/_gen/asan-$tag}

# The UBSan checks are compiled recoverable; UBSAN_OPTIONS=halt_on_error=1 (below)
# makes them fatal at run time.
"$root/build/devtree.sh" "$py" "$tree" \
    --cflags="-fsanitize=address,undefined -fno-omit-frame-pointer -g" \
    --ldflags="-fsanitize=address,undefined"

reports=$(mktemp -d /tmp/gomv-asan.XXXXXX)
# The interpreter is not instrumented, so the ASan runtime must be loaded first.
libasan=$(gcc -print-file-name=libasan.so)
[ -e "$libasan" ] || { echo "asan.sh: no libasan.so from gcc" >&2; exit 2; }
# detect_leaks=0: CPython's arenas and interned objects, and Go's heap (which
#   LeakSanitizer cannot scan), are all reported as leaks at exit.
# allow_user_segv_handler=1: the Go runtime installs its own SIGSEGV/SIGBUS
#   handlers when the library loads and forwards faults outside Go code to the
#   previous handler (ASan's), which then reports them with a C stack.
# allocator_may_return_null=1: a failed huge allocation (tests ask for 2**40-item
#   lists on purpose) returns NULL, so CPython raises MemoryError as it does
#   without ASan, instead of ASan aborting the process.
# log_path: pytest captures fd 2, so an ASan report of a dying process would
#   vanish; files survive.  GCC's libubsan ignores log_path, so UBSan reports go
#   to stderr, which --capture=sys leaves alone, and the output is searched below.
asan="detect_leaks=0:allow_user_segv_handler=1:handle_segv=1:allocator_may_return_null=1:log_path=$reports/asan"
ubsan="print_stacktrace=1:halt_on_error=1"

echo "asan.sh: $py, tree $tree, reports in $reports"

suite() {
  local start=$(date +%s) rc
  set +e
  # Left to the normal suite: test_no_leak measures RSS, which ASan's quarantine of
  # freed memory inflates by design (tens of MiB); test_faulthandler_segfault_traceback
  # crashes a child on purpose and wants faulthandler's report, which ASan's SEGV
  # handler preempts; test_ctrl_c_latency holds ASan-slowed loops to 100 ms.
  (cd "$root/pytests" && \
    LD_PRELOAD="$libasan" \
    ASAN_OPTIONS="$asan${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
    UBSAN_OPTIONS="$ubsan${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}" \
    PYTHONPATH="$tree" \
    timeout "${GOMV_ASAN_TIMEOUT:-3600}" "$py" -m pytest -q -p no:cacheprovider --capture=sys \
      --deselect test_lifetime.py::test_no_leak \
      --deselect test_signals.py::test_faulthandler_segfault_traceback \
      --deselect test_signals.py::test_ctrl_c_latency "$@") 2>&1 | tee -a "$reports/pytest.out"
  rc=${PIPESTATUS[0]}
  set -e
  echo "asan.sh: pytest $* exit $rc after $(( $(date +%s) - start ))s"
  return "$rc"
}

rc=0
if [ $# -gt 0 ]; then
  suite "$@" || rc=$?
else
  suite || rc=$?
  suite --no-fastpath || rc=$?
fi
# allocator_may_return_null also logs a WARNING per refused allocation: only ERRORs count
n=$(grep -l -E 'ERROR: AddressSanitizer|SUMMARY: ' "$reports"/asan.* 2>/dev/null | wc -l)
u=$(grep -c -E 'runtime error:|ERROR: AddressSanitizer' "$reports/pytest.out" || true)
if [ "$n" -gt 0 ] || [ "$u" -gt 0 ]; then
  echo "asan.sh: $n ASan report file(s), $u report line(s) in the output:" >&2
  for f in $(grep -l -E 'ERROR: AddressSanitizer|SUMMARY: ' "$reports"/asan.* 2>/dev/null); do
    echo "=== $f" >&2; grep -v "WARNING: AddressSanitizer failed to allocate" "$f" >&2; done
  grep -E -A12 'runtime error:|ERROR: AddressSanitizer' "$reports/pytest.out" >&2 || true
  exit 1
fi
rm -rf "$reports"
[ "$rc" -eq 0 ] || exit "$rc"
echo "asan.sh: no sanitizer reports"
