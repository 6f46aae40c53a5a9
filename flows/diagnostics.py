"""Diagnostics: one problem in one file, pointing at a line and column.

Every part of alur that talks about a flow file (the loader, the schema
check, the lint rules, the designer) speaks in these, so that a problem is
shown the same way everywhere: `path:line:column: severity code message`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that `max()` over diagnostics gives the worst one."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem at a place. `line` and `column` are 1-based; None when unknown
    (better no position than a made-up one)."""

    file: str
    line: int | None
    column: int | None
    severity: Severity
    code: str
    message: str

    def location(self) -> str:
        """`path:line:column`, leaving out what is not known."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity} {self.code} {self.message}"

    def to_dict(self) -> dict[str, object]:
        """The shape of one entry in `alur check --format json` (contract §4)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
        }


class FlowError(Exception):
    """A flow that cannot be used at all (unreadable, not YAML, not a flow).

    Carries the diagnostics that explain why; the CLI prints them and exits 2.
    """

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))
