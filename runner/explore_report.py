"""`alur explore`'s report in every format `replay` writes.

The shared renderers (`alur.runner.reports`) do the work, since a trap is a
conversation result with findings; explore adds what only it knows:

- text: under each trap, who fell into it, how long its conversation is,
  what a saved test expects and where it was saved; then the coverage
  (states reached and explored, persona runs) in the summary;
- json: the replay report, each result with `state`, `persona`,
  `found_by`, `turns` (masked), `expect` (and `saved`), plus `coverage`;
- junit and markdown: as replay's, markdown with a coverage line.
"""

from __future__ import annotations

import io
import json
from typing import TextIO

from alur.runner.explore import ExploreReport, Trap
from alur.runner.findings import ConversationResult, Report
from alur.runner.reports import renderer
from alur.runner.reports.common import one_line
from alur.runner.reports.text import TextRenderer

WHOLE = 1 << 30  # show every turn of a trap's conversation


class ExploreTextRenderer(TextRenderer):
    """The text report with explore's lines under each trap and its coverage summary."""

    name = "text"

    def conversation(self, result: ConversationResult, out: TextIO) -> None:
        super().conversation(result, out)
        if not isinstance(result, Trap):
            return
        if not result.findings:  # the engine could not go on: show how the conversation got there
            turns = " / ".join(repr(turn) for turn in result.shown_turns) or "(none: while the bot opened)"
            out.write(self.paint(f"    persona {result.persona}; customer turns: {turns}", "\x1b[36m") + "\n\n")
            return
        others = [p for p in result.found_by if p != result.persona]
        who = f"persona {result.persona}" + (f" (also {', '.join(others)})" if others else "")
        turns = len(result.turns)
        line = f"    {who}; {turns} customer turn{'s' if turns != 1 else ''}"
        if result.expect:
            line += "; a test would expect " + ", ".join(f"{k}: {json.dumps(v)}" for k, v in result.expect.items())
        if result.saved:
            line += f"; saved as {result.saved}"
        out.write(self.paint(line, "\x1b[36m") + "\n\n")

    def summary(self, report: Report, skipped: int) -> str:
        if not isinstance(report, ExploreReport) or report.flow_model is None:
            return super().summary(report, skipped)
        return summary_line(report, self.title)


def summary_line(report: ExploreReport, title: str) -> str:
    """One line: traps by kind, then what was covered."""
    coverage = report.coverage
    traps = sum(1 for r in report.results if r.findings)
    errors = sum(1 for r in report.results if r.error)
    kinds = ", ".join(f"{kind} {count}" for kind, count in report.summary().items() if count)
    head = f"{title}: {traps} trap{'s' if traps != 1 else ''}" + (f" ({kinds})" if kinds else "")
    if errors:
        head += f", {errors} conversation{'s' if errors != 1 else ''} the engine could not run"
    covered = (
        f"{len(coverage.explored)} of {coverage.waiting_states} waiting states explored, "
        f"{coverage.persona_runs} persona runs by {coverage.personas} personas"
    )
    lines = [one_line(f"{head}; {covered}")]
    unreached = coverage.unreached(report.flow_model) if report.flow_model is not None else []
    if unreached:
        lines.append(one_line(f"  not reached by any customer turn within the limits: {', '.join(unreached)}"))
    lines += [one_line(f"  note: {note}") for note in coverage.to_dict(report.flow_model)["notes"]]  # type: ignore[union-attr,arg-type]
    return "\n".join(lines)


def render(report: ExploreReport, fmt: str, out: TextIO, *, color: bool = False, title: str = "alur explore") -> None:
    """Write `report` as `fmt` (text, json, junit, markdown) to `out`."""
    if fmt == "text":
        ExploreTextRenderer(title=title, color=color, excerpt_turns=WHOLE).render(report, out)
        return
    shared = renderer(fmt, title=title, color=False, excerpt_turns=WHOLE)
    if fmt == "json":
        buffer = io.StringIO()
        shared.render(report, buffer)
        document = json.loads(buffer.getvalue())
        if report.flow_model is not None:
            document["coverage"] = report.coverage.to_dict(report.flow_model)
        out.write(json.dumps(document, ensure_ascii=False, indent=1) + "\n")
        return
    shared.render(report, out)
    if fmt == "markdown":
        out.write("\n" + summary_line(report, title).replace("\n  ", "\n- ") + "\n")
