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
a file (`--output`) is written atomically (`atomic_output`): readers never
see half of one.

What a command adds beyond the findings (replay's coverage and drift,
explore's coverage) travels in the report as `Section`s, which every
format prints (alur.runner.reports.sections). A command that words some
part of a format its own way (explore's text report names the persona
under each trap) subclasses that format's renderer and passes it to
`write_report(..., renderers={"text": ExploreTextRenderer})`.
"""

from __future__ import annotations

import os
import sys
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import ClassVar, TextIO

from alur.runner.findings import Report
from alur.runner.reports.output import atomic_output
from alur.runner.reports.sections import Section, Sectioned, sections_of

__all__ = [
    "FORMATS", "Renderer", "Section", "Sectioned", "atomic_output", "color_wanted", "renderer", "sections_of", "write_report",
]

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
    renderers: Mapping[str, type[Renderer]] | None = None,
) -> None:
    """Renders `report` as `fmt` to the file `output` (atomically), or to
    `stream` (default stdout) when `output` is None. `renderers` replaces
    the shared renderer of some formats with a command's own subclass."""
    custom = (renderers or {}).get(fmt)

    def make(color: bool) -> Renderer:
        options = {"title": title, "color": color, "excerpt_turns": excerpt_turns}
        return custom(**options) if custom is not None else renderer(fmt, **options)  # type: ignore[arg-type]

    if output is None:
        out = stream if stream is not None else sys.stdout
        make(fmt == "text" and color_wanted(out)).render(report, out)
        out.flush()
        return
    with atomic_output(output) as out:
        make(False).render(report, out)
