"""Reports: one run's `Report` rendered for people, programs, CI and pull requests.

Every format is a `Renderer` with the same interface, so `audit`, `replay`
and `explore` share them: build a `Report` (alur.runner.findings), then
`write_report(report, "junit", "out.xml", title="alur audit")`.

- `text` (the default): for a terminal. Each finding with its conversation
  excerpt, the turns before it and the turn itself, as a compiler shows the
  source line; coloured only on a terminal, never when NO_COLOR is set.
- `json`: contract §4, plus `skipped`.
- `junit`: one testcase per conversation (and per unreadable line), so CI
  systems list each failing conversation.
- `markdown`: a summary short enough for a pull-request comment.

Personal data is masked (alur.runner.privacy) in everything a report
prints: conversation ids, messages, excerpts, reasons. A report written to
a file (`--output`) is written atomically: readers never see half of one.
"""

from __future__ import annotations

import os
import sys
import tempfile
from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar, TextIO

from alur.runner.errors import InputError
from alur.runner.findings import Report

FORMATS = ("text", "json", "junit", "markdown")


class Renderer(ABC):
    """Renders a Report onto a text stream.

    `title` names the run ("alur audit", "alur replay order_status"), `color`
    allows ANSI colours, `excerpt_turns` caps how many turns before each
    finding are shown where excerpts are shown at all.
    """

    name: ClassVar[str]

    def __init__(self, *, title: str = "alur", color: bool = False, excerpt_turns: int = 3):
        self.title = title
        self.color = color
        self.excerpt_turns = excerpt_turns

    @abstractmethod
    def render(self, report: Report, out: TextIO) -> None:
        """Writes the whole report to `out`."""


def renderer(name: str, **options: object) -> Renderer:
    """The renderer for format `name` (one of FORMATS), built with `options`."""
    if name == "text":
        from alur.runner.reports.text import TextRenderer as cls
    elif name == "json":
        from alur.runner.reports.json_report import JsonRenderer as cls  # type: ignore[assignment]
    elif name == "junit":
        from alur.runner.reports.junit import JUnitRenderer as cls  # type: ignore[assignment]
    elif name == "markdown":
        from alur.runner.reports.markdown import MarkdownRenderer as cls  # type: ignore[assignment]
    else:
        raise ValueError(f"unknown report format {name!r}; use one of {', '.join(FORMATS)}")
    return cls(**options)  # type: ignore[arg-type]


def color_wanted(stream: TextIO) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def write_report(
    report: Report,
    fmt: str,
    output: str | None = None,
    *,
    title: str = "alur",
    excerpt_turns: int = 3,
    stream: TextIO | None = None,
) -> None:
    """Renders `report` as `fmt` to the file `output` (atomically), or to
    `stream` (default stdout) when `output` is None."""
    if output is None:
        out = stream if stream is not None else sys.stdout
        renderer(fmt, title=title, color=fmt == "text" and color_wanted(out), excerpt_turns=excerpt_turns).render(report, out)
        out.flush()
        return
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"{output}: cannot write the report: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            renderer(fmt, title=title, color=False, excerpt_turns=excerpt_turns).render(report, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise InputError(f"{output}: cannot write the report: {error.strerror or error}") from None
        raise
