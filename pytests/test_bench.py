"""gomv.bench's machinery, not its timings (speed is make bench's business):
the rows of the parallel operations and the worker hook, the noise band, the
JSON file, the chart, and the regression check against a baseline. Timings
are replaced by fixed samples wherever a result is checked.
"""

import builtins
import importlib.util
import json
import os

import pytest

import mvhelp

pytestmark = pytest.mark.skipif(mvhelp.NOFAST, reason=mvhelp.ONCE_PER_INTERPRETER)

BUILTIN = builtins.memoryview


@pytest.fixture
def bench(monkeypatch):
    # find_spec of the package finds it without importing it (nor the extension)
    spec = importlib.util.find_spec("gomv")
    path = os.path.join(os.path.dirname(spec.origin), "bench.py")
    spec = importlib.util.spec_from_file_location("gomv_bench_under_test", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setenv("GOMV_TARGET", "builtin")  # main() times the built-in twice
    return mod


def test_parallel_rows_per_worker_setting(bench):
    names = [op[0] for op in bench.parallel_ops(True)]
    with_hook = [b for b in bench.benchmarks(True, lambda n: 0) if b.workers is not None]
    assert [(b.name, b.workers) for b in with_hook] == [
        (n, w) for n in names for w in bench.WORKER_SETTINGS]
    assert bench.WORKER_SETTINGS == (1, 2, 0)
    without = [b for b in bench.benchmarks(True, None) if b.workers is not None]
    assert [(b.name, b.workers) for b in without] == [(n, bench.NO_HOOK) for n in names]
    assert all(b.key().endswith("[no parallel hook]") for b in without)
    for rows in (bench.benchmarks(True, None), bench.benchmarks(False, lambda n: 0)):
        keys = [b.key() for b in rows]
        assert len(set(keys)) == len(keys)


def test_parallel_rows_cover_the_bulk_operations(bench):
    ops = {(op[0], op[1]) for op in bench.parallel_ops(False)}
    MiB = bench.MiB
    assert {("tobytes()", 64 * MiB), ("m[::2].tobytes()", 64 * MiB),
            ("hex()", 16 * MiB), ("m == m2", 64 * MiB), ("m[:] = m2", 64 * MiB)} <= ops


def test_measure_sets_and_restores_the_worker_limit(bench):
    state = {"n": 5}
    calls = []

    def hook(n):
        calls.append(n)
        previous, state["n"] = state["n"], n
        return previous

    def setup(mv, d):
        assert state["n"] == (2 if calls else 5)
        return {"m": mv(d)}

    row = bench.Bench("x", "64 B", "bulk", lambda: bytearray(64), setup, "m.tobytes()", workers=2)
    a, b = bench.measure(row, BUILTIN, 3, 1e5, hook=hook)
    assert len(a) == len(b) == 3
    assert calls == [2, 5] and state["n"] == 5
    calls.clear()
    plain = bench.Bench("y", "64 B", "bulk", lambda: bytearray(64), lambda mv, d: {"m": mv(d)},
                        "m.tobytes()")
    bench.measure(plain, BUILTIN, 1, 1e5, hook=hook)
    assert calls == []


def test_noise_band_is_the_largest_pair_deviation(bench):
    # ratio min(a)/min(b) = 10/10; pair ratios 1.0, 1.2, 0.9
    assert bench.noise_band([10, 12, 10.8], [10, 10, 12]) == pytest.approx(0.2)
    assert bench.noise_band([5, 5], [5, 5]) == 0


def _fake_measure(ratios):
    """A measure() whose samples give each row key the next ratio in
    ratios[key] (1.0 for other keys; band 0.05), and that counts its calls
    per key."""
    calls = {}

    def measure(b, T, repeats, min_ns, clock=None, hook=None):
        k = b.key()
        calls[k] = calls.get(k, 0) + 1
        seq = ratios.get(k, [1.0])
        r = seq[min(calls[k], len(seq)) - 1]
        return [100.0 * r, 105.0 * r], [100.0, 100.0]  # pair ratios r and 1.05r
    return measure, calls


def test_baseline_check_fails_only_beyond_both_bands(bench, tmp_path, monkeypatch, capsys):
    key = "len(m) -"
    base = tmp_path / "baseline.json"
    measure, calls = _fake_measure({key: [1.0]})
    monkeypatch.setattr(bench, "measure", measure)
    assert bench.main(["-k", "len(m)", "--svg", "", "--save-baseline", str(base)]) == 0
    rows = bench.load_baseline(str(base))
    assert rows == {key: {"ratio": 1.0, "band": 0.05}}
    capsys.readouterr()

    # 1.09 is within 0.05 (now) + 0.05 (baseline) of 1.0; measured once
    measure, calls = _fake_measure({key: [1.09]})
    monkeypatch.setattr(bench, "measure", measure)
    assert bench.main(["-k", "len(m)", "--svg", "", "--check", str(base)]) == 0
    assert calls == {key: 1}
    assert "0 row(s) regressed" in capsys.readouterr().out

    # 1.2 twice: regressed
    measure, calls = _fake_measure({key: [1.2, 1.2]})
    monkeypatch.setattr(bench, "measure", measure)
    assert bench.main(["-k", "len(m)", "--svg", "", "--check", str(base)]) == 1
    out = capsys.readouterr().out
    assert calls == {key: 2}
    assert "REGRESSED: len(m) -: 1.20x, baseline 1.00x" in out
    assert "1 row(s) regressed" in out

    # 1.2, then 1.0 on the second measurement: a burst, not a regression
    measure, calls = _fake_measure({key: [1.2, 1.0]})
    monkeypatch.setattr(bench, "measure", measure)
    assert bench.main(["-k", "len(m)", "--svg", "", "--check", str(base)]) == 0
    assert "ok (2nd run)" in capsys.readouterr().out


def test_check_without_a_baseline_for_this_python(bench, tmp_path, capsys):
    base = tmp_path / "baseline.json"
    base.write_text(json.dumps({"pythons": {"2.7": {"rows": {}}}}))
    assert bench.main(["-k", "len(m)", "--svg", "", "--check", str(base)]) == 2
    assert "no baseline for Python" in capsys.readouterr().out


def test_json_file_and_header(bench, tmp_path, monkeypatch, capsys):
    measure, _ = _fake_measure({"len(m) -": [0.5], "m[i] 1 item": [1.5]})
    monkeypatch.setattr(bench, "measure", measure)
    out = tmp_path / "run.json"
    assert bench.main(["-k", "m", "--svg", "", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "CPUs usable by this process" in text and "GOMAXPROCS" in text
    assert "parallel hook absent" in text
    doc = json.loads(out.read_text())
    for k in ("cpus_usable", "cpus_online", "GOMAXPROCS_env", "gomaxprocs", "python",
              "python_debug", "free_threaded", "parallel_hook"):
        assert k in doc["machine"]
    assert doc["machine"]["cpus_usable"] >= 1
    rows = {r["key"]: r for r in doc["rows"]}
    assert rows["len(m) -"]["ratio"] == 0.5 and rows["len(m) -"]["ok"] is True
    assert rows["m[i] 1 item"]["ratio"] == 1.5 and rows["m[i] 1 item"]["ok"] is False
    assert rows["m[i] 1 item"]["gomv_samples_ns"] == [150.0, 157.5]


def test_chart(bench, tmp_path, monkeypatch, capsys):
    pytest.importorskip("matplotlib")
    measure, _ = _fake_measure({"len(m) -": [0.5], "m[i] 1 item": [1.5]})
    monkeypatch.setattr(bench, "measure", measure)
    svg = tmp_path / "b.svg"
    assert bench.main(["-k", "m", "--svg", str(svg)]) == 0
    text = svg.read_text()
    assert text.startswith("<?xml") and "<svg" in text
    assert "len(m) -" in text and "m[i] 1 item" in text  # labels stay text
