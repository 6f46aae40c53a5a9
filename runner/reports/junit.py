"""JUnit XML: one testcase per conversation, so CI systems list each failure.

A conversation with findings is a testcase with one `<failure>` (CI systems
show one per testcase) whose body lists every finding with its excerpt; a
conversation that could not be run is an `<error>`; a line that could not be
read is a testcase of its own with an `<error>`, so it cannot go unnoticed.
Testcases are grouped by file through `classname`, and the conversation's
`file:line` is in the failure's text. Only what the strict Jenkins xunit
schema (junit-10.xsd) allows is written: no `file` or `line` on a testcase,
no `skipped` on `testsuites`, so every CI that reads JUnit accepts the file.
A run that cannot start or finish (exit 2) still writes a report:
`unusable_report`, one testcase with an `<error>` naming the problem. The report's sections (coverage, drift) are the
suite's `<properties>`, one line each. Control characters are escaped into
visible text (`\x1b`), as in every report a person reads; other characters
XML 1.0 cannot carry are replaced.
"""

from __future__ import annotations

import re
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from alur.runner.findings import ConversationResult, Report, SkippedInput
from alur.runner.reports import Renderer
from alur.runner.reports.common import errored, excerpt_lines, masker, one_line, shown_source, tally
from alur.runner.reports.sections import sections_of
from alur.runner.safe_text import escape_controls, shown

_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    """`text` as XML 1.0 can carry it: control characters escaped into visible
    text (alur.runner.safe_text), anything else XML refuses replaced."""
    return _NOT_XML.sub("\ufffd", escape_controls(text, lines=True))


def _attr(text: str) -> str:
    return quoteattr(_clean(text))


_SOURCE = re.compile(r"(?P<path>.+?):(?P<line>\d+)(?::\d+)?")


def _split_source(source: str) -> tuple[str, str | None]:
    """("day1.jsonl", "12") of "day1.jsonl:12" or "t.test.yaml:12:9", with
    personal data in the path masked."""
    source = shown_source(source)
    found = _SOURCE.fullmatch(source)
    return (found["path"], found["line"]) if found else (source, None)


class JUnitRenderer(Renderer):
    name = "junit"
    separator = ""

    def render(self, report: Report, out: TextIO) -> None:
        _, failed = tally(report)
        errors = errored(report)
        failures = failed - errors
        skipped = len(report.skipped)
        passed = report.passed_checks()
        tests = report.conversations + skipped + len(passed)
        errors += skipped
        counts = f'tests="{tests}" failures="{failures}" errors="{errors}"'
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(f"<testsuites name={_attr(self.title)} {counts}>\n")
        out.write(f'  <testsuite name={_attr(self.title)} {counts} skipped="0">\n')
        sections = sections_of(report)
        if sections:
            out.write("    <properties>\n")
            for section in sections:
                out.write(f"      <property name={_attr(section.key)} value={_attr(one_line(section.summary))}/>\n")
            out.write("    </properties>\n")
        if not self.prerendered(report, out):
            for result in report.results:
                out.write(self.fragment(result))
        for item in report.skipped:
            self.unreadable(item, out)
        for name in passed:
            out.write(f"    <testcase classname={_attr(report.flow or self.title)} name={_attr(name)}/>\n")
        out.write("  </testsuite>\n</testsuites>\n")

    def fragment(self, result: ConversationResult) -> str:
        """The conversation's testcase."""
        hide = masker(result)
        path, _ = _split_source(result.source)
        head = f"    <testcase classname={_attr(path)} name={_attr(hide(result.id))}"
        if result.error is None and not result.findings:
            return head + "/>\n"
        parts = [head + ">\n"]
        if result.error is not None:
            parts.append(f'      <error type="error" message={_attr(one_line(hide(result.error)))}/>\n')
        if result.findings:
            first = result.findings[0]
            more = f" (and {len(result.findings) - 1} more)" if len(result.findings) > 1 else ""
            message = f"{first.kind} at turn {first.turn}: {hide(first.message)}{more}"
            parts.append(f"      <failure type={_attr(first.kind)} message={_attr(one_line(message))}>")
            parts.append(escape(_clean(self.details(result))))
            parts.append("</failure>\n")
        parts.append("    </testcase>\n")
        return "".join(parts)

    def details(self, result: ConversationResult) -> str:
        hide = masker(result)
        lines = []
        for finding in result.findings:
            state = f" (state {finding.state})" if finding.state else ""
            lines.append(
                f"{shown_source(result.source)}: {finding.kind} at turn {finding.turn}{state}: {hide(finding.message)}"
            )
            for line in excerpt_lines(finding, self.excerpt_turns, masked=result.masked):
                lines.append(f"  {'>' if line.is_finding else ' '} {line.number:>4} | {line.role:<6} {line.text}")
        return "\n".join(lines) + "\n"

    def unreadable(self, item: SkippedInput, out: TextIO) -> None:
        path, _ = _split_source(item.source)
        out.write(f"    <testcase classname={_attr(path)} name={_attr(shown_source(item.source))}>\n")
        out.write(f'      <error type="unreadable" message={_attr(one_line(shown(item.reason)))}/>\n')
        out.write("    </testcase>\n")


def unusable_report(title: str, problem: str) -> str:
    """The JUnit report of a run that could not be made (exit 2): one
    testcase with an error naming `problem`, so a CI step that publishes
    the report shows why the run failed instead of finding no file."""
    counts = 'tests="1" failures="0" errors="1"'
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<testsuites name={_attr(title)} {counts}>\n"
        f'  <testsuite name={_attr(title)} {counts} skipped="0">\n'
        f'    <testcase classname={_attr(title)} name="input">\n'
        f'      <error type="unusable-input" message={_attr(one_line(shown(problem)))}/>\n'
        "    </testcase>\n  </testsuite>\n</testsuites>\n"
    )
