"""Test-wide settings.

Property tests (hypothesis) draw the same examples on every run by default,
so that CI fails on a change, never on the luck of a draw; run them with
fresh random examples, and more of them, to look for new counterexamples:

    HYPOTHESIS_PROFILE=explore pytest tests/runner/test_audit_phrases.py
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", max_examples=1_000, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
