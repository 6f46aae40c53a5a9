"""Keeping the garbage collector from stalling the editor on large flows."""

from __future__ import annotations

import gc


def settle_memory() -> None:
    """Move everything alive now out of the garbage collector's sight.

    A 2,000-state flow is a few hundred thousand objects (text lines, spans,
    model, outline); a full collection walks them all and stalls typing for
    150-350 ms. They live as long as the file is open, so the collector has
    nothing to gain from them; the designer calls this after loading and
    after each check, and `release_memory` when it closes. Unreachable
    objects are still freed by reference counting.
    """
    gc.freeze()


def release_memory() -> None:
    """Let the collector see everything again (the app is closing)."""
    gc.unfreeze()
