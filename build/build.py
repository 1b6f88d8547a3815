"""Build gomv's extension for the Python interpreter running this script.

One shared library holds one Go runtime. gopy only generates the Python
bindings of the pycore package (Go stubs, and pybindgen writes their C);
the hand-written C type and its Go glue (ext/) are copied beside them, and
this script compiles the lot with ONE `go build -buildmode=c-shared`, with
the project's own flags. The library exports PyInit__core (gopy's module)
and PyInit__mv (gomv.memoryview).

Only the interpreter's include directories are used: never its CFLAGS or
LDFLAGS (Debian's carry -fwrapv in LDFLAGS, which cgo refuses), never
-lpython (the interpreter provides the symbols when it loads the library),
and no RUNPATH.

Usage: python build/build.py [--out DIR] [--cflags FLAGS] [--ldflags FLAGS] [--check]
The results (the .so and gopy's Python wrappers) are copied to DIR, by
default python/gomv/core/. --check runs only the checks for the build's
requirements (Go, a C compiler, the Python headers, pybindgen).
GOMV_KEEP_GEN=1 keeps the generated directory (build/_gen/...).
"""

import argparse
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULE = "github.com/gomv/gomv"

# The project's C flags, for ext/*.c and gopy's generated C alike. They go in
# CGO_CFLAGS, which cgo does not check against its allow-list (only #cgo
# lines are checked). -fwrapv and -fno-strict-aliasing: compiled like
# CPython itself. No -ffast-math: the C layer compares NaNs.
CFLAGS = "-O2 -fno-strict-aliasing -fwrapv -Wall"


class BuildError(Exception):
    """A missing requirement or a failed step, with what to do about it."""


def say(msg):
    print("gomv build: " + msg, flush=True)


def run(step, cmd, env, cwd):
    """Runs one step's command; its output is shown only when it fails."""
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        sys.stdout.write(p.stdout)
        raise BuildError("%s failed (exit %d): %s" % (step, p.returncode, " ".join(cmd)))
    return p.stdout


def go_env(extra=None):
    env = dict(os.environ)
    # A Go older than go.mod must fail the version check below, not
    # download a toolchain in the middle of a pip install.
    env.setdefault("GOTOOLCHAIN", "local")
    env["CGO_ENABLED"] = "1"
    for k in list(env):
        # The build's C and link flags are this script's alone.
        if k.startswith("CGO_") and k.endswith(("FLAGS", "FLAGS_ALLOW", "FLAGS_DISALLOW")):
            del env[k]
    env.update(extra or {})
    return env


def version_tuple(s):
    return tuple(int(x) for x in re.findall(r"\d+", s)[:3])


def check_go(env):
    go = shutil.which("go", path=env.get("PATH"))
    want = None
    with open(os.path.join(ROOT, "go.mod")) as fh:
        for line in fh:
            m = re.match(r"go\s+(\d+\.\d+(?:\.\d+)?)\s*$", line)
            if m:
                want = m.group(1)
    if not go:
        raise BuildError("Go is required (go %s or newer, see go.mod) and `go` is not on PATH; "
                         "install it from https://go.dev/dl/" % want)
    # Outside the module, so `go version` reports the installed toolchain.
    p = subprocess.run([go, "version"], cwd=tempfile.gettempdir(), env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    m = re.search(r"go version go(\d+(?:\.\d+)*)", p.stdout)
    if p.returncode != 0 or not m:
        raise BuildError("`%s version` failed: %s" % (go, p.stdout.strip()))
    have = m.group(1)
    if want and version_tuple(have) < version_tuple(want):
        raise BuildError("Go %s or newer is required (go.mod's go line); %s is go%s; "
                         "install a newer Go from https://go.dev/dl/" % (want, go, have))
    return go, have


def check_cc(go, env):
    cc = run("go env CC", [go, "env", "CC"], env, tempfile.gettempdir()).strip()
    words = shlex.split(cc) or ["gcc"]
    path = shutil.which(words[0], path=env.get("PATH"))
    if not path:
        raise BuildError("a C compiler is required (cgo runs `%s`, from `go env CC`) and it is "
                         "not on PATH; install gcc (Debian/Ubuntu: apt-get install gcc)" % cc)
    return [path] + words[1:]


def include_dirs():
    """The interpreter's header directories, and the one its pyconfig.h
    needs when it is Debian's multiarch wrapper."""
    paths = sysconfig.get_paths()
    dirs = []
    for key in ("include", "platinclude"):
        d = paths.get(key)
        if d and d not in dirs:
            dirs.append(d)
    inc = dirs[0]
    if not os.path.exists(os.path.join(inc, "Python.h")):
        ver = "%d.%d" % sys.version_info[:2]
        raise BuildError("the Python %s headers are missing (no Python.h in %s); install them, "
                         "e.g. apt-get install python%s-dev (Debian/Ubuntu) or "
                         "dnf install python%s-devel (Fedora)" % (ver, inc, ver, ver))
    # Debian's pyconfig.h includes <MULTIARCH/pythonX.Y/pyconfig.h>, which
    # resolves from the parent of the include directory; /usr/include is
    # searched anyway.
    arch = sysconfig.get_config_var("MULTIARCH")
    parent = os.path.dirname(inc)
    if arch and os.path.exists(os.path.join(parent, arch, os.path.basename(inc), "pyconfig.h")) \
            and os.path.realpath(parent) != "/usr/include" and parent not in dirs:
        dirs.append(parent)
    return dirs


def check_headers(cc, cppflags, env):
    """Compiles `#include <Python.h>` alone, so broken headers or a broken
    compiler show up here with a clear message, not deep inside cgo."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "probe.c")
        with open(src, "w") as fh:
            fh.write("#include <Python.h>\n#include <structmember.h>\n"
                     "#if PY_VERSION_HEX != %#010x\n#error these headers are not Python %s's\n#endif\n"
                     % (sys.hexversion, sys.version.split()[0]))
        p = subprocess.run(cc + cppflags + ["-fsyntax-only", src], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        sys.stdout.write(p.stdout)
        raise BuildError("the C compiler (%s) cannot compile #include <Python.h> with %s; "
                         "are the Python %d.%d headers (python3-dev) complete?"
                         % (" ".join(cc), " ".join(cppflags), *sys.version_info[:2]))


def check_pybindgen():
    try:
        import pybindgen
    except ImportError:
        raise BuildError("pybindgen is required in the building interpreter (%s): "
                         "pip install pybindgen" % sys.executable) from None
    return getattr(pybindgen, "__version__", "?")


def check(env):
    """All requirements, before anything is built; returns the C include flags."""
    go, gover = check_go(env)
    cc = check_cc(go, env)
    cppflags = ["-I" + d for d in include_dirs()]
    check_headers(cc, cppflags, env)
    pbg = check_pybindgen()
    say("using go%s (%s), %s, Python %s headers (%s), pybindgen %s"
        % (gover, go, " ".join(cc), sys.version.split()[0], " ".join(cppflags), pbg))
    return go, cppflags


def adapt_gopy_stubs(core_go):
    """gopy writes the interpreter's include path and LDSHARED flags (with
    -L/-rpath, or Debian's -fwrapv) into the #cgo lines of its stubs; keep
    only the warning flags its generated C needs, since this build passes
    the include directories itself and links nothing of Python's.

    cgo's _cgo_export.c includes <stdlib.h> before this preamble, so
    Python 3.15's pyconfig.h would redefine _POSIX_C_SOURCE (a warning in
    every build); the #undef lets it set its own value quietly."""
    with open(core_go) as fh:
        src = fh.read()
    src, nc = re.subn(r"(?m)^#cgo CFLAGS:.*$",
                      "#cgo CFLAGS: -Wno-error -Wno-implicit-function-declaration -Wno-int-conversion",
                      src)
    src, nl = re.subn(r"(?m)^#cgo LDFLAGS:.*\n", "", src)
    src, ni = re.subn(r"(?m)^#include <Python.h>$", "#undef _POSIX_C_SOURCE\n#include <Python.h>", src)
    if (nc, nl, ni) != (1, 1, 1):
        raise BuildError("gopy's %s has %d #cgo CFLAGS, %d #cgo LDFLAGS and %d #include <Python.h> "
                         "lines, expected one each: a gopy version this build does not know?"
                         % (core_go, nc, nl, ni))
    with open(core_go, "w") as fh:
        fh.write(src)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "python", "gomv", "core"))
    ap.add_argument("--cflags", default=os.environ.get("GOMV_CFLAGS", ""),
                    help="extra C flags for the C code (e.g. sanitizers)")
    ap.add_argument("--ldflags", default=os.environ.get("GOMV_LDFLAGS", ""),
                    help="extra link flags (default: the same as --cflags)")
    ap.add_argument("--check", action="store_true",
                    help="only check that Go, a C compiler, the Python headers and pybindgen are there")
    args = ap.parse_args()

    env = go_env()
    go, cppflags = check(env)
    if args.check:
        return

    start = time.monotonic()
    tag = "%s%d%d" % (sys.implementation.name, *sys.version_info[:2])
    # A leading underscore keeps the generated package out of `go ... ./...`;
    # one directory per build, so builds for several interpreters can run
    # side by side.
    gen = os.path.join(ROOT, "build", "_gen", "%s-%d" % (tag, os.getpid()))
    shutil.rmtree(gen, ignore_errors=True)
    os.makedirs(gen)
    try:
        say("[1/4] gopy gen: Go stubs and pybindgen script for the Python bindings of pycore/")
        # gopy and goimports are go.mod's tools, so every build uses the pinned versions.
        run("gopy gen", [go, "tool", "gopy", "gen", "-output=" + gen, "-name=core",
                         "-vm=" + sys.executable, "-no-make", "-build-tags=gomvext",
                         MODULE + "/pycore"], env, ROOT)
        run("goimports", [go, "tool", "goimports", "-w", os.path.join(gen, "core.go")], env, ROOT)
        adapt_gopy_stubs(os.path.join(gen, "core.go"))
        # gopy's C includes core_go.h, the export header of a first c-shared
        # build it would run; a C file inside the package gets the same
        # declarations from cgo's _cgo_export.h, so no first build is needed.
        with open(os.path.join(gen, "core_go.h"), "w") as fh:
            fh.write("/* Generated by build/build.py. */\n#include \"_cgo_export.h\"\n")

        say("[2/4] pybindgen: writing the C of the Python module _core (core.c)")
        run("pybindgen", [sys.executable, "build.py"], env, gen)

        for f in glob.glob(os.path.join(ROOT, "ext", "*")):
            if f.endswith((".c", ".h", ".go")):
                shutil.copy(f, gen)
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        so = "_core" + suffix
        cflags = CFLAGS + (" " + args.cflags if args.cflags else "")
        ldflags = args.ldflags or args.cflags
        benv = go_env({"CGO_CPPFLAGS": " ".join(cppflags), "CGO_CFLAGS": cflags,
                       "CGO_LDFLAGS": ldflags})
        say("[3/4] go build -buildmode=c-shared -tags gomvext: Go core, C type and bindings "
            "in one library (CGO_CFLAGS=%r%s); this takes a minute or so"
            % (cflags, ", CGO_LDFLAGS=%r" % ldflags if ldflags else ""))
        # -buildvcs=false: an sdist or a checkout owned by another user
        # would otherwise fail on git's view of it.
        out = run("go build", [go, "build", "-buildmode=c-shared", "-tags", "gomvext",
                               "-trimpath", "-buildvcs=false", "-o", so, "."], benv, gen)
        if out.strip():
            sys.stdout.write(out)  # compiler warnings

        os.makedirs(args.out, exist_ok=True)
        for f in (so, "go.py", "pycore.py"):
            # Replace, never overwrite in place: a running interpreter may have
            # the old library mapped, and rewriting its pages would crash it.
            dst = os.path.join(args.out, f)
            shutil.copy(os.path.join(gen, f), dst + ".tmp")
            os.replace(dst + ".tmp", dst)
        with open(os.path.join(args.out, "__init__.py"), "w") as fh:
            fh.write("# Generated by build/build.py: gopy's bindings of the Go core and the\n"
                     "# shared library that also holds gomv.memoryview.\n")
        dst = os.path.join(args.out, so)
        say("[4/4] wrote %s (%.1f MB) in %.0f s"
            % (dst, os.path.getsize(dst) / 1e6, time.monotonic() - start))
    finally:
        if not os.environ.get("GOMV_KEEP_GEN"):
            shutil.rmtree(gen, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except BuildError as e:
        print("gomv build: error: %s" % e, file=sys.stderr, flush=True)
        sys.exit(1)
