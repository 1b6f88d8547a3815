"""pytest setup of the conformance suite.

Environment:
  GOMV_TEST_TARGET=gomv|builtin  what ``MV`` is (default gomv; builtin = self-check)
  GOMV_NO_FASTPATH=1             gomv runs its Go twins instead of the C fast paths;
                                 read when gomv is imported, so also settable with
                                 ``--no-fastpath`` (which sets it before the import)
  HYPOTHESIS_PROFILE=dev|ci      number of random examples (ci: >= 10,000 in total)
"""

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

try:
    from hypothesis import HealthCheck, settings

    _common = dict(deadline=None, derandomize=False,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                          HealthCheck.filter_too_much])
    # The ci profile: the random tests' max_examples add up to well over 10,000
    # in the fast-path run (see RANDOM_TESTS in test_random.py, which asserts
    # the sum); the run through the Go twins, which repeats the whole suite,
    # draws a third as many, so that CI's ten runs fit its time.
    ci_examples = 500 if os.environ.get("GOMV_NO_FASTPATH", "0") not in ("", "0") else 1500
    settings.register_profile("ci", max_examples=ci_examples, print_blob=True, **_common)
    settings.register_profile("dev", max_examples=60, **_common)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
except ImportError:  # test_random.py skips itself
    pass


def pytest_addoption(parser):
    parser.addoption("--no-fastpath", action="store_true",
                     help="set GOMV_NO_FASTPATH=1 before gomv is imported")


def pytest_configure(config):
    if config.getoption("--no-fastpath"):
        if "gomv" in sys.modules and os.environ.get("GOMV_NO_FASTPATH") != "1":
            raise pytest.UsageError("--no-fastpath: gomv was imported before the option was seen")
        os.environ["GOMV_NO_FASTPATH"] = "1"
    try:
        import mvhelp  # noqa: F401  (imports gomv now, after the environment is set)
    except Exception as e:  # the whole suite depends on it: say so once, loudly
        raise pytest.UsageError("cannot load the memoryview under test (GOMV_TEST_TARGET=%s): %s: %s"
                                % (os.environ.get("GOMV_TEST_TARGET", "gomv"), type(e).__name__, e))


def pytest_report_header(config):
    import mvhelp
    return ["gomv target: %s (%r), GOMV_NO_FASTPATH=%s, hypothesis profile: %s, numpy: %s"
            % (mvhelp.TARGET, mvhelp.MV, os.environ.get("GOMV_NO_FASTPATH", "0"),
               os.environ.get("HYPOTHESIS_PROFILE", "dev"),
               mvhelp.np.__version__ if mvhelp.np is not None else "absent")]


@pytest.fixture
def M():
    import mvhelp
    return mvhelp.MV
