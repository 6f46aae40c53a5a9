"""Sections: what a command adds to its report beyond contract §4's findings.

`alur replay` adds the flow's coverage, the drift from the recorded bot and
the conversations it did not replay; `alur explore` adds how much of the
flow its personas covered. A report that has such parts defines
`sections()` (it is `Sectioned`), and every renderer prints them, each in
its own way:

- json: `data` under the top-level key `key`, after contract §4's keys;
- text: the `text` lines after the summary line;
- markdown: the `markdown` lines (else the `text` lines) after the summary;
- junit: `<property name="KEY" value="SUMMARY"/>` in the suite's properties.

So a command never edits what a renderer wrote (no held-back closing brace,
no lines appended after the fact), and a new format prints every section.
A section's content is printed as given, its control characters escaped:
whoever builds it masks it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from alur.runner.findings import Report
from alur.runner.safe_text import escape_controls

# contract §4's keys (and `skipped`): a section cannot replace them
RESERVED_KEYS = frozenset({"flow", "conversations", "summary", "results", "skipped"})


@dataclass(frozen=True, slots=True)
class Section:
    """One extra part of a report, ready for every format."""

    key: str  # the JSON key; the JUnit property's name
    data: object  # the JSON value (made of dicts, lists, strings, numbers)
    summary: str  # one line: the JUnit property's value
    text: tuple[str, ...] = ()  # lines of the text report
    markdown: tuple[str, ...] | None = None  # lines of the Markdown summary; None: the text lines

    def __post_init__(self) -> None:
        if self.key in RESERVED_KEYS:
            raise ValueError(f"a report section cannot be called {self.key!r}: contract §4 uses that key")

    @property
    def markdown_lines(self) -> tuple[str, ...]:
        return self.text if self.markdown is None else self.markdown


@runtime_checkable
class Sectioned(Protocol):
    """A report with sections beyond the findings (ReplayReport, ExploreReport)."""

    def sections(self) -> Sequence[Section]: ...


def sections_of(report: Report) -> tuple[Section, ...]:
    """The sections `report` carries, in order; none for a plain Report."""
    return tuple(report.sections()) if isinstance(report, Sectioned) else ()


def sections_dict(sections: Sequence[Section]) -> dict[str, object]:
    """The JSON report's keys beyond contract §4's: what `to_dict` adds."""
    return {section.key: section.data for section in sections}


def block(lines: Sequence[str]) -> str:
    """Lines as a block of their own, for people: one blank line before, none
    doubled at its start (sections written for Markdown often begin with
    one), control characters in them escaped (alur.runner.safe_text)."""
    trimmed = [escape_controls(line) for line in lines]
    while trimmed and not trimmed[0].strip():
        trimmed.pop(0)
    return "\n" + "\n".join(trimmed) + "\n" if trimmed else ""
