"""`alur explore`'s report in every format `replay` writes.

The shared renderers (`alur.runner.reports`) do the work, since a trap is a
conversation result with findings, and the coverage is a report section
(`ExploreReport.sections`) that every format prints: JSON as `coverage`,
text and Markdown after the summary, JUnit as a property. Each result's
JSON carries `state`, `persona`, `found_by`, `turns` (masked), `expect`
(and `saved`) through `Trap.to_dict`.

Only the text report words things its own way (`ExploreTextRenderer`):
under each trap, who fell into it, how long its conversation is, what a
saved test expects and where it was saved; and a summary line that counts
traps, not conversations. Pass `RENDERERS` to `write_report`.
"""

from __future__ import annotations

import json

from alur.runner.explore import Trap
from alur.runner.findings import ConversationResult, Report
from alur.runner.reports import Renderer
from alur.runner.reports.text import TextRenderer
from alur.runner.safe_text import escape_controls

WHOLE = 1 << 30  # show every turn of a trap's conversation
_CYAN = "\x1b[36m"
_BOLD = "\x1b[1m"


class ExploreTextRenderer(TextRenderer):
    """The text report with explore's lines under each trap and a summary of traps."""

    name = "text"

    def fragment(self, result: ConversationResult) -> str:
        shown = super().fragment(result)
        if not isinstance(result, Trap):
            return shown
        if not result.findings:  # the engine could not go on: show how the conversation got there
            turns = " / ".join(repr(turn) for turn in result.shown_turns) or "(none: while the bot opened)"
            return (
                shown
                + self.paint(escape_controls(f"    persona {result.persona}; customer turns: {turns}"), _CYAN)
                + "\n\n"
            )
        others = [p for p in result.found_by if p != result.persona]
        who = f"persona {result.persona}" + (f" (also {', '.join(others)})" if others else "")
        count = len(result.turns)
        line = f"    {who}; {count} customer turn{'s' if count != 1 else ''}"
        if result.expect:
            line += "; a test would expect " + ", ".join(f"{k}: {json.dumps(v)}" for k, v in result.expect.items())
        if result.saved:
            line += f"; saved as {result.saved}"
        return shown + self.paint(escape_controls(line), _CYAN) + "\n\n"

    def summary(self, report: Report, kinds: dict[str, int], failed: int, skipped: int) -> str:
        """`alur explore billing: 2 traps (loop 1, missing_escalation 1)`:
        each result is a trap (or a conversation the engine could not run)."""
        traps = sum(1 for result in report.results if result.findings)
        errors = failed - traps
        found = ", ".join(f"{kind} {number}" for kind, number in kinds.items() if number)
        line = f"{self.paint(self.title, _BOLD)}: " + (
            f"{traps} trap{'s' if traps != 1 else ''} ({found})" if traps else "no traps"
        )
        if errors:
            line += f", {errors} conversation{'s' if errors != 1 else ''} the engine could not run"
        return line


RENDERERS: dict[str, type[Renderer]] = {"text": ExploreTextRenderer}
