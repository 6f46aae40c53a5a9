"""How the commands that read transcripts name their inputs in messages."""

from __future__ import annotations

from collections.abc import Iterable


def named(paths: Iterable[str]) -> str:
    """The inputs as a message names them, "-" being standard input."""
    return ", ".join("standard input" if path == "-" else path for path in paths)
