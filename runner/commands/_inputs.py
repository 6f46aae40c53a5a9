"""How the commands that read transcripts name their inputs in messages."""

from __future__ import annotations

from collections.abc import Iterable


def named(paths: Iterable[str]) -> str:
    """The inputs as a message names them: "-" is standard input, and
    personal data in a path (a customer's phone number) is masked."""
    from alur.runner.reports.common import masked_source

    return ", ".join("standard input" if path == "-" else masked_source(path) for path in paths)
