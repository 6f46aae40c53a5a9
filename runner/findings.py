"""Findings in conversations and the reports that collect them (contract §4).

Replay, audit and explore all produce `ConversationResult`s; reports are
`Report`s that merge, so a corpus can be split into shards, each shard
reported on its own (in another process or on another machine), and the
partial reports added up in input order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

FINDING_KINDS = ("loop", "missing_escalation", "dead_end", "expectation")


class ExcerptTurn(NamedTuple):
    """One turn of the conversation, kept with a finding so that a report can
    show where it happened, as a compiler shows the source line."""

    # 0-based index into the conversation's turns; None for a bot reply that
    # replay or explore produced, which is not in the transcript
    index: int | None
    role: str
    text: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One failure in one conversation.

    `turn` is the 0-based index into the conversation's `turns` (for replay:
    of the user turn that led to the finding). `excerpt` holds a few turns
    before it and the turn itself, for reports written for people; it is not
    part of the JSON report and does not take part in comparisons.
    """

    kind: str
    turn: int
    state: str | None
    message: str
    excerpt: tuple[ExcerptTurn, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "turn": self.turn, "state": self.state, "message": self.message}


@dataclass(slots=True)
class ConversationResult:
    """What one conversation came to: its findings, and where it was read from."""

    id: str
    findings: list[Finding] = field(default_factory=list)
    source: str = ""  # "path:line" of the conversation, for messages
    error: str | None = None  # the conversation could not be run (e.g. an action ran out)
    # id, messages, error and excerpts have been through privacy.mask_text
    # already (by the worker that made them), so reports need not mask again
    masked: bool = False

    @property
    def status(self) -> str:
        if self.error is not None:
            return "error"
        return "fail" if self.findings else "pass"

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "id": self.id,
            "status": self.status,
            "findings": [f.to_dict() for f in self.findings],
        }
        if self.source:  # [alur] where the conversation is: "day1.jsonl:12"
            out["source"] = self.source
        if self.error is not None:
            out["error"] = self.error
        return out


@dataclass(frozen=True, slots=True)
class SkippedInput:
    """A line or record that could not be read; counted, never dropped silently."""

    source: str  # "path:line"
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class Report:
    """The outcome of a run over many conversations."""

    flow: str | None
    results: list[ConversationResult] = field(default_factory=list)
    skipped: list[SkippedInput] = field(default_factory=list)

    @property
    def conversations(self) -> int:
        return len(self.results)

    def summary(self) -> dict[str, int]:
        """Findings by kind, every kind listed."""
        return Tally.of(self.results).tally()[0]

    def has_findings(self) -> bool:
        return any(r.findings or r.error for r in self.results)

    def merge(self, other: Report) -> Report:
        """This report followed by `other`, as if one run had read both inputs."""
        return Report(
            flow=self.flow if self.flow is not None else other.flow,
            results=self.results + other.results,
            skipped=self.skipped + other.skipped,
        )

    def passed_checks(self) -> list[str]:
        """Checks that passed with no result of their own, for the formats
        that list every test (JUnit): none for conversations, which are
        results; explore's states explored without a trap."""
        return []

    def add_extras(self, other: Report) -> None:
        """Adds what `other` holds beyond results and skipped input, in place:
        nothing for a plain report; a replay's coverage and drift add up here."""

    def extras(self) -> Report:
        """This report's extras alone, without results: what a worker sends
        back beside its packed results, for `add_extras` of the whole run."""
        kept = type(self)(self.flow)
        kept.add_extras(self)
        return kept

    def to_dict(self) -> dict[str, object]:
        """The JSON report of contract §4, plus `skipped` (lines that could not be read)."""
        return {
            "flow": self.flow,
            "conversations": self.conversations,
            "summary": self.summary(),
            "results": [r.to_dict() for r in self.results],
            "skipped": [{"source": s.source, "reason": s.reason} for s in self.skipped],
        }


class Tally:
    """What reports print before the conversations: findings by kind,
    conversations with findings or errors (`failed`), and those with errors
    alone. Counted once, as results are made or merged, so that a report of
    a million conversations need not read them all back to print its
    summary."""

    def __init__(self) -> None:
        self.kinds: Counter[str] = Counter()
        self.failed = 0
        self.errors = 0

    def add(self, result: ConversationResult) -> None:
        if result.findings or result.error is not None:
            self.failed += 1
            self.errors += result.error is not None
            self.kinds.update(finding.kind for finding in result.findings)

    def add_counts(self, failed: int, errors: int, kinds: dict[str, int]) -> None:
        """Adds another tally's counts (sent back by a worker process)."""
        self.failed += failed
        self.errors += errors
        self.kinds.update(kinds)

    def tally(self) -> tuple[dict[str, int], int]:
        """(findings by kind, every kind listed, conversations with findings or errors)."""
        kinds = dict.fromkeys(FINDING_KINDS, 0)
        kinds.update(self.kinds)
        return kinds, self.failed

    @classmethod
    def of(cls, results: Iterable[ConversationResult]) -> Tally:
        counts = cls()
        for result in results:
            counts.add(result)
        return counts
