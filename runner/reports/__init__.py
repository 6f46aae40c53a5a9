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
- `html`: one self-contained page for a manager: the flow coloured by where
  customers got stuck (audit: the bot messages they got stuck on), then
  every finding, filterable.

Personal data is masked (alur.runner.privacy) in everything a report
prints: conversation ids, messages, excerpts, reasons, file names; in the
formats people read (all but JSON), control characters are escaped too
(alur.runner.safe_text). A report written to
a file (`--output`) is written atomically (`atomic_output`): readers never
see half of one.

The formats whose body is one piece of text per conversation (text, json,
junit) say how to render that piece (`Renderer.fragment`), so that a long
run can render each conversation where it was checked, in the worker
processes, on every core (`alur.runner.parallel.run_shards(render=...)`);
the report is then written from those pieces (`prerendered`).

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
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, TextIO

from alur.runner.findings import ConversationResult, Report
from alur.runner.reports.output import atomic_output
from alur.runner.reports.sections import Section, Sectioned, sections_of
from alur.runner.safe_text import escape_controls

__all__ = [
    "FORMATS",
    "Renderer",
    "Section",
    "Sectioned",
    "atomic_output",
    "color_wanted",
    "make_renderer",
    "renderer",
    "sections_of",
    "write_report",
]

FORMATS = ("text", "json", "junit", "markdown", "github", "html")


class Renderer(ABC):
    """Renders a Report onto a text stream.

    `title` names the run ("alur audit", "alur replay order_status"), `color`
    allows ANSI colours, `excerpt_turns` caps how many turns before each
    finding are shown where excerpts are shown at all.
    """

    name: ClassVar[str]
    # Formats whose body is one fragment per conversation set this to what
    # goes between two fragments, and define `fragment`; None: render whole.
    separator: ClassVar[str | None] = None

    def __init__(self, *, title: str = "alur", color: bool = False, excerpt_turns: int = 3):
        self.title = escape_controls(title)  # it names a flow, whose id comes from its file
        self.color = color
        self.excerpt_turns = excerpt_turns

    @abstractmethod
    def render(self, report: Report, out: TextIO) -> None:
        """Writes the whole report to `out`."""

    def fragment(self, result: ConversationResult) -> str:
        """What `result` adds to the report's body ("" for nothing)."""
        raise NotImplementedError(f"the {self.name} report is rendered whole")

    def fragments(self, results: Iterable[ConversationResult]) -> str:
        """The body for `results`, in order: their fragments joined by `separator`."""
        assert self.separator is not None, f"the {self.name} report is rendered whole"
        return self.separator.join(text for text in map(self.fragment, results) if text)

    def prerendered(self, report: Report, out: TextIO) -> bool:
        """Writes the body of `report` to `out` if its results were rendered
        already, by this renderer's class, where they were checked
        (`alur.runner.parallel.RenderedResults`); False when they were not."""
        rendered = report.results
        if getattr(rendered, "rendered_by", None) is not type(self):
            return False
        rendered.write_body(out)  # type: ignore[attr-defined]
        return True


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
    elif name == "github":
        from alur.runner.reports.github import GithubRenderer as cls  # type: ignore[assignment]
    elif name == "html":
        from alur.runner.reports.html import HtmlRenderer as cls  # type: ignore[assignment]
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


def make_renderer(
    fmt: str,
    output: str | None = None,
    *,
    title: str = "alur",
    excerpt_turns: int = 3,
    stream: TextIO | None = None,
    renderers: Mapping[str, type[Renderer]] | None = None,
) -> Renderer:
    """The renderer `write_report` would use for these arguments (colour
    decided by where the report goes), for a run that renders conversations
    as it checks them and then passes it to `write_report(renderer=...)`."""
    custom = (renderers or {}).get(fmt)
    color = output is None and fmt == "text" and color_wanted(stream if stream is not None else sys.stdout)
    options = {"title": title, "color": color, "excerpt_turns": excerpt_turns}
    return custom(**options) if custom is not None else renderer(fmt, **options)  # type: ignore[arg-type]


def write_report(
    report: Report,
    fmt: str,
    output: str | None = None,
    *,
    stream: TextIO | None = None,
    renderer: Renderer | None = None,
    **options: Any,
) -> None:
    """Renders `report` as `fmt` to the file `output` (atomically), or to
    `stream` (default stdout) when `output` is None, with the renderer
    `make_renderer` gives for `options` (title, excerpt_turns, renderers),
    or with `renderer`, one it gave already."""
    if renderer is None:
        renderer = make_renderer(fmt, output, stream=stream, **options)
    if output is None:
        out = stream if stream is not None else sys.stdout
        renderer.render(report, out)
        out.flush()
        return
    with atomic_output(output) as out:
        renderer.render(report, out)
