"""A Markdown summary for a pull-request comment.

Counts first (what a reviewer reads), then the conversations with findings
in a collapsed section, each finding with its excerpt, then the report's
sections (coverage, drift). The conversations are cut off so that the whole
comment stays well within the 65,536 characters GitHub allows.
"""

from __future__ import annotations

import re
from typing import TextIO

from alur.runner.findings import ConversationResult, Report
from alur.runner.reports import Renderer
from alur.runner.reports.common import count, excerpt_lines, failing, masker, one_line, shown_source, tally
from alur.runner.reports.sections import block, sections_of
from alur.runner.safe_text import shown

LIMIT = 60_000  # characters; GitHub refuses comments over 65,536
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def escape(text: str) -> str:
    """Plain text that Markdown shows as written."""
    return _SPECIAL.sub(r"\\\1", one_line(text))


class MarkdownRenderer(Renderer):
    name = "markdown"

    def render(self, report: Report, out: TextIO) -> None:
        kinds, failed = tally(report)
        total = report.conversations
        skipped = list(report.skipped)
        verdict = (
            f"{failed:,} of {count(total, 'conversation')} with findings"
            if failed
            else f"no findings in {count(total, 'conversation')}"
        )
        head = [f"### {escape(self.title)}: {verdict}", "", "| finding | count |", "| --- | ---: |"]
        head += [f"| `{kind}` | {number:,} |" for kind, number in kinds.items()]
        if skipped:
            head += [
                "",
                f"**{count(len(skipped), 'input')} could not be read** and {'was' if len(skipped) == 1 else 'were'} not checked:",
                "",
            ]
            head += [f"- `{escape(shown_source(s.source))}`: {escape(shown(s.reason))}" for s in skipped[:20]]
            if len(skipped) > 20:
                head.append(f"- … and {len(skipped) - 20:,} more")
        tail = "".join(block(section.markdown_lines) for section in sections_of(report))
        written = self.emit(out, "\n".join(head) + "\n") + len(tail)
        if failed:
            self.conversations(report, failed, written, out)
        out.write(tail)

    def conversations(self, report: Report, failed: int, written: int, out: TextIO) -> None:
        """The conversations with findings, collapsed, as many as fit in LIMIT."""
        written += self.emit(out, "\n<details><summary>Conversations with findings</summary>\n\n")
        shown = 0
        for result in failing(report):
            text = self.conversation(result)
            if written + len(text) > LIMIT:
                written += self.emit(
                    out, f"… and {failed - shown:,} more conversations with findings (see the full report).\n\n"
                )
                break
            written += self.emit(out, text)
            shown += 1
        self.emit(out, "</details>\n")

    @staticmethod
    def emit(out: TextIO, text: str) -> int:
        out.write(text)
        return len(text)

    def conversation(self, result: ConversationResult) -> str:
        hide = masker(result)
        lines = [f"**{escape(hide(result.id))}** ({escape(shown_source(result.source))})", ""]
        if result.error is not None:
            lines.append(f"- error: {escape(hide(result.error))}")
        for finding in result.findings:
            lines.append(f"- `{finding.kind}` at turn {finding.turn}: {escape(hide(finding.message))}")
            excerpt = excerpt_lines(finding, self.excerpt_turns, limit=120, masked=result.masked)
            if excerpt:
                lines.append("")
                lines.append("  ````text")
                for line in excerpt:
                    text = line.text.replace("````", "'''")
                    lines.append(f"  {'>' if line.is_finding else ' '} {line.number:>4} | {line.role:<6} {text}")
                lines.append("  ````")
        return "\n".join(lines) + "\n\n"
