"""What every replay detector shares: the base class and the shape of its input.

A detector reads one `Trace` (alur.runner.replay): the conversation as read,
the engine's `Step` for the bot's opening and for every customer turn
replayed, and the state each turn was handled in. It yields `Finding`s with
plain (unmasked) messages; the replayer masks them and adds the excerpt, so
that no detector can forget to.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, ClassVar

from alur.runner.findings import Finding

if TYPE_CHECKING:
    from alur.runner.replay import ReplayConfig, Trace

_SNIPPET = 40


class Detector:
    """A rule over one replayed conversation. Subclasses set `code` (stable,
    kebab-case), `kind` (the contract §4 finding kind), `options` (the
    ReplayConfig fields they read) and write their rule as their docstring."""

    code: ClassVar[str]
    kind: ClassVar[str]
    options: ClassVar[tuple[str, ...]] = ()

    def __init__(self, config: ReplayConfig):
        self.config = config

    def check(self, trace: Trace) -> Iterator[Finding]:
        raise NotImplementedError


def snippet(text: str, limit: int = _SNIPPET) -> str:
    """The start of a message, on one line, for finding messages."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
