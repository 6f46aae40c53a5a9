"""Test-wide settings.

Property tests (hypothesis) draw the same examples on every run by default,
so that CI fails on a change, never on the luck of a draw; run them with
fresh random examples, and more of them, to look for new counterexamples:

    HYPOTHESIS_PROFILE=explore pytest tests/runner/test_audit_phrases.py
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=1_000, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory) -> None:
    """The designer keeps unsaved edits in the user's cache folder: tests use
    one of their own, so they never read a real recovery file (which would
    put a recovery offer into snapshots) nor leave one behind."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
