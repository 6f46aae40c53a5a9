"""The text report: for a person at a terminal.

Each finding reads like a compiler message, `path:line: kind: message`,
followed by the conversation around it, with the turn itself marked:

    day1.jsonl:12: loop: bot repeated 'Pilih menu: 1. Cek pesanan…' 3 times … (c-0012, turn 5, state menu)
          3 | user  saya mau refund
          4 | bot   Pilih menu: 1. Cek pesanan 2. Pembayaran 3. Lainnya
      >   5 | bot   Pilih menu: 1. Cek pesanan 2. Pembayaran 3. Lainnya

then the lines that could not be read, a summary line, and the report's
sections (a flow's coverage, drift), each as a block of its own.

Subclasses word parts their own way by overriding `fragment` (what is
printed for one result) and `summary` (the summary line).
"""

from __future__ import annotations

from typing import TextIO

from alur.runner.findings import ConversationResult, Report
from alur.runner.reports import Renderer
from alur.runner.reports.common import count, errored, excerpt_lines, failing, masker, one_line, shown_source, tally
from alur.runner.reports.sections import block, sections_of
from alur.runner.safe_text import shown

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_RED = "\x1b[31m"
_YELLOW = "\x1b[33m"
_CYAN = "\x1b[36m"
_KIND_COLOR = {"loop": _YELLOW, "missing_escalation": _RED, "dead_end": _RED, "expectation": _RED}


class TextRenderer(Renderer):
    name = "text"

    def paint(self, text: str, *styles: str) -> str:
        return "".join(styles) + text + _RESET if self.color and styles else text

    separator = ""

    def render(self, report: Report, out: TextIO) -> None:
        kinds, failed = tally(report)
        if not self.prerendered(report, out):
            for result in failing(report):
                out.write(self.fragment(result))
        skipped = 0
        for item in report.skipped:
            if not skipped:
                out.write(self.paint("could not be read:", _BOLD) + "\n")
            skipped += 1
            out.write(f"  {shown_source(item.source)}: {shown(item.reason)}\n")
        out.write(self.summary(report, kinds, failed, skipped) + "\n")
        for section in sections_of(report):
            out.write(block(section.text))

    def fragment(self, result: ConversationResult) -> str:
        """The findings (or the error) of one conversation, each with its excerpt."""
        if not result.findings and result.error is None:
            return ""
        hide = masker(result)
        ident = hide(result.id)
        source = shown_source(result.source)
        lines = []
        if result.error is not None:
            lines.append(
                f"{self.paint(source, _BOLD)}: {self.paint('error', _RED, _BOLD)}: {hide(result.error)} ({ident})\n"
            )
        for finding in result.findings:
            where = f"{ident}, turn {finding.turn}" + (f", state {finding.state}" if finding.state else "")
            kind = self.paint(finding.kind, _KIND_COLOR.get(finding.kind, _RED), _BOLD)
            lines.append(f"{self.paint(source, _BOLD)}: {kind}: {hide(finding.message)} ({where})\n")
            for line in excerpt_lines(finding, self.excerpt_turns, masked=result.masked):
                marker = ">" if line.is_finding else " "
                body = f"  {marker} {line.number:>4} | {line.role:<6} {line.text}"
                lines.append((self.paint(body, _BOLD) if line.is_finding else self.paint(body, _DIM)) + "\n")
            if finding.excerpt:
                lines.append("\n")
        return "".join(lines)

    def summary(self, report: Report, kinds: dict[str, int], failed: int, skipped: int) -> str:
        """The summary line: conversations, how many passed, findings by kind."""
        total = report.conversations
        listed = ", ".join(f"{kind} {number:,}" for kind, number in kinds.items())
        title = self.paint(self.title, _BOLD)
        passed = total - failed
        errors = errored(report)
        found = failed - errors
        verdict = self.paint(f"{found:,} with findings", _RED, _BOLD) if found else self.paint("no findings", _CYAN)
        line = f"{title}: {count(total, 'conversation')}, {passed:,} passed, {verdict} ({listed})"
        if errors:
            line += ", " + self.paint(f"{errors:,} could not be run (listed above)", _RED)
        if skipped:
            line += f"; {self.paint(count(skipped, 'unreadable input'), _RED)} (listed above, not checked)"
        return one_line(line)
