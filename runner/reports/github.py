"""GitHub annotations for replay, audit and explore (`--format github`).

Each finding becomes a workflow command that GitHub Actions shows as an
annotation on the file and line of the conversation it was found in, as
`alur check --format github` does for diagnostics; a conversation that
could not be run and an input that could not be read are errors too. A
last `::notice` line gives the run's counts. Personal data is masked and
control characters made visible, as in every report.
"""

from __future__ import annotations

import re
from typing import TextIO

from alur.runner.findings import ConversationResult, Report
from alur.runner.reports import Renderer
from alur.runner.reports.check import workflow_command
from alur.runner.reports.common import count, masker, one_line, shown_source, tally
from alur.runner.safe_text import shown

_SOURCE = re.compile(r"(?P<path>.+?):(?P<line>\d+)(?::(?P<column>\d+))?")


def _place(source: str) -> tuple[str, int | None, int | None]:
    """(file, line, column) of a `path:line[:column]` source, masked."""
    source = shown_source(source)
    found = _SOURCE.fullmatch(source)
    if not found:
        return source, None, None
    return found["path"], int(found["line"]), int(found["column"]) if found["column"] else None


class GithubRenderer(Renderer):
    name = "github"
    separator = ""

    def render(self, report: Report, out: TextIO) -> None:
        if not self.prerendered(report, out):
            for result in report.results:
                out.write(self.fragment(result))
        for item in report.skipped:
            path, line, column = _place(item.source)
            out.write(
                workflow_command("error", path, line, column, f"{self.title}: unreadable", one_line(shown(item.reason)))
                + "\n"
            )
        kinds, failed = tally(report)
        found = ", ".join(f"{kind} {number:,}" for kind, number in kinds.items() if number)
        verdict = f"{failed:,} of {count(report.conversations, 'conversation')} with findings" + (
            f" ({found})" if found else ""
        )
        out.write(workflow_command("notice", None, None, None, self.title, verdict) + "\n")

    def fragment(self, result: ConversationResult) -> str:
        hide = masker(result)
        path, line, column = _place(result.source)
        lines = []
        if result.error is not None:
            lines.append(
                workflow_command(
                    "error",
                    path,
                    line,
                    column,
                    f"alur: {hide(result.id)} could not be run",
                    one_line(hide(result.error)),
                )
            )
        for finding in result.findings:
            state = f", state {finding.state}" if finding.state else ""
            message = f"{hide(result.id)} (turn {finding.turn}{state}): {one_line(hide(finding.message))}"
            lines.append(workflow_command("error", path, line, column, f"alur {finding.kind}", message))
        return "".join(text + "\n" for text in lines)
