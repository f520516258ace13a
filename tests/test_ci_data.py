"""Under CI=true a test that skips because ../shared is missing fails the run; off CI it
still skips, and skips for other reasons stay skips."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CONFTEST = Path(__file__).with_name("conftest.py")
TESTS = """
import pytest

def test_needs_shared():
    pytest.skip("../shared/corpus is not available")

@pytest.mark.skipif(True, reason="../shared not found")
def test_marked():
    pass

def test_needs_something_else():
    pytest.skip("needs a GPU")
"""


def _run(pytester: pytest.Pytester, ci: str | None, monkeypatch) -> pytest.RunResult:
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makepyfile(TESTS)
    return pytester.runpytest_subprocess("-p", "no:playwright", "-p", "no:dash")


def test_under_ci_a_missing_shared_folder_fails_the_run(pytester, monkeypatch):
    result = _run(pytester, "true", monkeypatch)
    result.assert_outcomes(failed=1, errors=1, skipped=1)  # the skipif mark acts in setup
    result.stdout.fnmatch_lines(["*CI=true and third-party data is missing*"])


def test_off_ci_a_missing_shared_folder_only_skips(pytester, monkeypatch):
    _run(pytester, None, monkeypatch).assert_outcomes(skipped=3)
