"""Suite-wide rule: under CI=true, a test that skips for want of ../shared fails instead.

Many tests read third-party data from ../shared and skip on a checkout without it, which
is right on a developer's laptop and wrong in CI, where a silently absent ../shared would
leave dozens of checks unrun behind a green run. Every such skip names ../shared (or a
folder under it) in its reason; under CI=true that skip is reported as a failure.
"""

from __future__ import annotations

import os

import pytest

SHARED_MARK = "../shared"


def in_ci() -> bool:
    """True when the run is a CI run (CI=true, as CI services set it)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def skip_is_missing_data(reason: str) -> bool:
    """True when a skip's reason names ../shared, i.e. says third-party data is missing."""
    return SHARED_MARK in reason


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Turn a skip for missing ../shared into a failure under CI=true."""
    report = yield
    if report.skipped and in_ci() and isinstance(report.longrepr, tuple):
        reason = report.longrepr[2]
        if skip_is_missing_data(reason):
            report.outcome = "failed"
            report.longrepr = f"CI=true and third-party data is missing: {reason}"
    return report
