"""Every resource limit alur puts on what it reads, in one place.

Flows and transcripts come from anywhere: an export that went wrong, a
decompression bomb, a pattern that backtracks for hours. Each limit below
bounds the memory or time one input can take, so that a run ends with a
named reason instead of stalling or running out of memory. docs/decisions.md
has the table: each limit's value, what happens past it, and how to change
it (an environment variable, read when the limit is checked, so that a test
or a CI job can set it for one run).

Its own small module with nothing behind it, because the loader (`alur
check`), the engine, the transcript reader and the importers all read it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

MiB = 1 << 20


class LimitError(ValueError):
    """An environment variable that should set a limit holds no usable number."""


@dataclass(frozen=True, slots=True)
class Limit:
    """One limit: its default, and the environment variable that changes it."""

    env: str
    default: float
    unit: str  # how the value is said in messages: "bytes", "turns", "seconds"

    def value(self) -> float:
        """The limit in force: the environment variable if set, else the default."""
        raw = os.environ.get(self.env)
        if raw is None or not raw.strip():
            return self.default
        try:
            number = float(raw.replace("_", ""))
        except ValueError:
            number = -1.0
        if not number > 0 or number == float("inf"):
            raise LimitError(f"{self.env}={raw!r}: expected a positive number of {self.unit}")
        return int(number) if isinstance(self.default, int) else number

    def says(self, value: float | None = None) -> str:
        """The limit as a message shows it: "64 MiB (ALUR_MAX_LINE_BYTES)"."""
        value = self.value() if value is None else value
        if self.unit == "bytes" and value >= MiB and value % MiB == 0:
            shown = f"{value // MiB:,.0f} MiB"
        elif self.unit == "seconds":
            shown = f"{value:g} s"
        else:
            shown = f"{value:,.0f} {self.unit}"
        return f"{shown} ({self.env})"


FLOW_BYTES = Limit("ALUR_MAX_FLOW_BYTES", 16 * MiB, "bytes")
"""A flow file larger than this is refused before it is read (a 20,000-state flow is about 10 MB)."""

LINE_BYTES = Limit("ALUR_MAX_LINE_BYTES", 64 * MiB, "bytes")
"""A JSONL line (one conversation) longer than this, once decompressed, is
skipped without being held in memory; reading goes on after it."""

IMPORT_BYTES = Limit("ALUR_MAX_IMPORT_BYTES", 64 * MiB, "bytes")
"""A file an importer reads whole (a chat export, a CSV), or the member of an
archive once decompressed, larger than this is refused (exit 2). Importing
takes about five times a file's size in memory; 64 MiB of WhatsApp chat is
about a million messages."""

TURNS = Limit("ALUR_MAX_TURNS", 50_000, "turns")
"""A conversation with more turns than this is skipped by audit and replay."""

CONVERSATION_SECONDS = Limit("ALUR_CONVERSATION_SECONDS", 60.0, "seconds")
"""Audit or replay of one conversation taking longer than this is stopped,
and the conversation skipped with that reason."""

REGEX_SECONDS = Limit("ALUR_REGEX_SECONDS", 0.1, "seconds")
"""One match of a flow's pattern against a customer message taking longer
than this counts as no match."""
