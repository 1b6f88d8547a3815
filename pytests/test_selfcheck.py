"""``python -m gomv``, the self-check a user runs: what it prints and its exit status.

The real run goes through a subprocess (the entry point as a user calls it);
its default summary must agree with its own ``--json`` output, row for row.
Reporting of a difference is checked by injecting one in-process: nothing
here depends on which operations exist or on their outcomes.
"""

import importlib.util
import json
import os
import re
import subprocess
import sys

import pytest

import mvhelp

VERDICT = re.compile(r"^(OK|FAILED): (\d+) operations, (\d+) same, (\d+) different"
                     r"(, \d+ exporter\(s\) broken)? \([\d.]+ s\)$")
TALLY = re.compile(r"^(\S.*?)\s+(\d+)\s+(\d+)$")


def _selfcheck_path():
    # find_spec of the package finds it without importing it (nor the extension)
    spec = importlib.util.find_spec("gomv")
    return os.path.join(os.path.dirname(spec.origin), "selfcheck.py")


def _load_selfcheck():
    spec = importlib.util.spec_from_file_location("gomv_selfcheck_under_test", _selfcheck_path())
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _command():
    """How a user runs the self-check of the target under test."""
    if mvhelp.TARGET == "builtin":  # gomv may not be built: run the file itself
        return [sys.executable, _selfcheck_path()]
    return [sys.executable, "-m", "gomv"]


def _run(*args):
    env = dict(os.environ)
    if mvhelp.TARGET == "builtin":
        env["GOMV_TARGET"] = "builtin"
    p = subprocess.run(_command() + list(args), capture_output=True, text=True, env=env,
                       cwd=os.path.dirname(os.path.abspath(__file__)), timeout=300)
    assert p.stderr == "" or p.returncode != 2, p.stderr
    return p


def _tallies(lines, title):
    """{family: (operations, different)} of the table headed by title."""
    start = next(i for i, line in enumerate(lines) if line.startswith(title + " "))
    assert lines[start].split()[-2:] == ["operations", "different"]
    out = {}
    for line in lines[start + 1:]:
        if not line:
            return out
        m = TALLY.match(line)
        assert m, line
        out[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    raise AssertionError("table %r not ended by a blank line" % title)


def _differences(lines):
    """[(op, exporter, built-in outcome, gomv outcome)] as printed (each
    distinct difference once, with the exporters that show it)."""
    heads = [i for i, line in enumerate(lines)
             if re.match(r"^\d+ differences?( \(\d+ distinct\))?:$", line)]
    if not heads:
        return []
    assert len(heads) == 1
    out, distinct = [], 0
    i = heads[0] + 1
    while lines[i]:
        m = re.match(r"^(.*) on (\d+) exporters? \[([^]]*)\]: (.*)$", lines[i])
        assert m, lines[i]
        where = m.group(4).split("; ")
        assert len(where) == int(m.group(2))
        assert lines[i + 1].startswith("    built-in: ")
        assert lines[i + 2].startswith("    gomv:     ")
        out += [(m.group(1), e, lines[i + 1][14:], lines[i + 2][14:]) for e in where]
        distinct += 1
        i += 3
    head = re.match(r"^(\d+) differences?(?: \((\d+) distinct\))?:$", lines[heads[0]])
    assert int(head.group(1)) == len(out)
    assert int(head.group(2) or len(out)) == distinct
    return out


def _expected(report):
    """What the default summary must say, from the --json report."""
    rows = report["rows"]
    by_ex, by_op = {}, {}
    for r in rows:
        for d, k in ((by_ex, r["exporter_family"]), (by_op, r["op_family"])):
            n, diff = d.get(k, (0, 0))
            d[k] = (n + 1, diff + (not r["same"]))
    groups = {}
    for r in rows:
        if not r["same"]:
            groups.setdefault((r["op"], r["builtin"], r["gomv"]), []).append(r["exporter"])
    diffs = [(op, e, ref, mine) for (op, ref, mine), where in groups.items() for e in where]
    return by_ex, by_op, diffs


def _check_summary(out, status, report):
    lines = out.splitlines()
    by_ex, by_op, diffs = _expected(report)
    assert _tallies(lines, "exporter family") == by_ex
    assert _tallies(lines, "operation family") == by_op
    assert _differences(lines) == diffs
    m = VERDICT.match(lines[-1])
    assert m, lines[-1]
    n, same, different = map(int, m.group(2, 3, 4))
    assert (n, same, different) == (len(report["rows"]), n - len(diffs), len(diffs))
    assert m.group(1) == ("OK" if not diffs else "FAILED")
    assert status == (1 if diffs else 0)
    # One screen, however many operations ran: all but the differences.
    assert len(lines) - 3 * len({(d[0], d[2], d[3]) for d in diffs}) <= 40, out


def test_default_summary_agrees_with_json():
    full = _run("--json")
    report = json.loads(full.stdout)
    assert full.returncode == (1 if report["different"] else 0)
    assert report["operations"] == len(report["rows"]) > 1000
    # an exporter the catalogue cannot build here tests nothing
    assert report["exporters_failed"] == []
    default = _run()
    _check_summary(default.stdout, default.returncode, report)


def test_verbose_prints_every_row_and_the_summary():
    report = json.loads(_run("--json").stdout)
    p = _run("--verbose")
    lines = p.stdout.splitlines()
    rows = [line for line in lines if re.search(r"  (same|DIFFERENT)$", line)]
    assert len(rows) == len(report["rows"])
    assert sum(line.endswith("DIFFERENT") for line in rows) == report["different"]
    _check_summary("\n".join(lines[:3] + lines[3 + len(rows) + 3:]), p.returncode, report)


def test_quiet_prints_differences_and_verdict():
    report = json.loads(_run("--json", "--quiet").stdout)
    assert all(not r["same"] for r in report["rows"])
    p = _run("--quiet")
    assert "exporter family" not in p.stdout and "operation family" not in p.stdout
    lines = p.stdout.splitlines()
    assert _differences(lines) == _expected(report)[2]
    assert VERDICT.match(lines[-1])
    assert p.returncode == (1 if report["rows"] else 0)


def test_gomv_agrees_with_the_builtin():
    """The self-check itself passes: any difference fails here, listed in full."""
    p = _run()
    assert p.returncode == 0, p.stdout


@pytest.fixture
def injected(monkeypatch):
    """The self-check module with a stand-in target and one operation whose
    outcome differs between it and the built-in on every exporter."""
    sc = _load_selfcheck()
    builtin = sc.BUILTIN

    def target(obj):  # a distinct callable: the injected op tells them apart
        return builtin(obj)

    monkeypatch.setattr(sc, "load_target", lambda: (target, "stand-in"))
    ops = [("len", "attributes", lambda T, o: len(T(o))),
           ("tobytes()", "tobytes/hex/tolist", lambda T, o: T(o).tobytes()),
           ("injected op", "injected family",
            lambda T, o: "under test" if T is target else "reference")]
    monkeypatch.setattr(sc, "OPS", ops)
    monkeypatch.setattr(sc, "SPECIAL", [])
    return sc


def test_an_injected_difference_is_shown_in_full(injected, capsys):
    sc = injected
    exporters = sc.exporters()
    assert sc.main([]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert _differences(lines) == [("injected op", name, "'reference'", "'under test'")
                                   for _, name, _ in exporters]
    # one difference seen on every exporter is printed once
    assert "%d differences (1 distinct):" % len(exporters) in lines
    assert sum(line.startswith("    built-in: ") for line in lines) == 1
    families = {}
    for family, _, _ in exporters:
        families[family] = families.get(family, 0) + 1
    assert _tallies(lines, "exporter family") == {f: (3 * n, n) for f, n in families.items()}
    assert _tallies(lines, "operation family") == {
        "attributes": (len(exporters), 0), "tobytes/hex/tolist": (len(exporters), 0),
        "injected family": (len(exporters), len(exporters))}
    assert lines[-1].startswith("FAILED: %d operations, %d same, %d different"
                                % (3 * len(exporters), 2 * len(exporters), len(exporters)))


def test_an_injected_difference_fails_json_and_quiet(injected, capsys):
    sc = injected
    n = len(sc.exporters())
    assert sc.main(["--json", "--quiet"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [r["op"] for r in report["rows"]] == ["injected op"] * n
    assert report["operation_families"]["injected family"] == {"operations": n, "different": n}
    assert sc.main(["--quiet"]) == 1
    assert len(_differences(capsys.readouterr().out.splitlines())) == n


def test_an_exporter_that_cannot_be_built_is_reported(injected, capsys, monkeypatch):
    sc = injected
    good = sc.exporters()[:2]

    def broken():
        raise ValueError("no such exporter here")

    monkeypatch.setattr(sc, "exporters", lambda: good + [("test", "broken one", broken)])
    assert sc.main([]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert "NOT RUN: exporter 'broken one' could not be built: ValueError: no such exporter here" in lines
    assert "test" not in _tallies(lines, "exporter family")
    assert lines[-1].startswith("FAILED: %d operations" % (3 * len(good)))
    assert ", 1 exporter(s) broken (" in lines[-1]
    assert sc.main(["--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["exporters_failed"] == [{"exporter": "broken one",
                                           "error": "ValueError: no such exporter here"}]
