"""How the commands that read transcripts name their inputs in messages."""

from __future__ import annotations

from collections.abc import Iterable


def named(paths: Iterable[str]) -> str:
    """The inputs as a message names them: "-" is standard input, "<stdin>"
    as in the sources of its conversations, and personal data in a path (a
    customer's phone number) is masked."""
    from alur.runner.reports.common import masked_source
    from alur.runner.transcripts import STDIN, STDIN_LABEL

    return ", ".join(STDIN_LABEL if path == STDIN else masked_source(path) for path in paths)
