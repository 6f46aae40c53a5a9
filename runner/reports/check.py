"""Output formats for flow diagnostics (`alur check --format ...`).

Reporters share one interface: `add(result)` per checked file as it
arrives, `finish()` at the end. Text and GitHub lines are written as soon as
a file is checked (a long run shows progress); JSON and JUnit are documents
and are written at the end.

- `text`: `path:line:column: severity code message`, for people; coloured
  only on a terminal and never when NO_COLOR is set.
- `json`: `{"diagnostics": [...]}` (contract §4).
- `github`: workflow commands that GitHub Actions shows as annotations on
  the pull request's diff (chosen by `alur check` when GITHUB_ACTIONS is set).
- `junit`: JUnit XML for CI dashboards: one test suite per file, one test
  case per diagnostic (errors fail, warnings pass and are shown as output),
  one passing case for a clean file.

A flow file can come from anywhere, and its names and values are quoted in
messages: control characters in them are escaped into visible text
(alur.runner.safe_text) in every format, so that a flow cannot rewrite the
terminal or a CI log's lines, and JSON and XML stay valid.
"""

from __future__ import annotations

from typing import TextIO

from alur.flows.check import FileResult
from alur.flows.diagnostics import Diagnostic, Severity
from alur.runner.safe_text import escape_controls, json_safe

_COLORS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m", Severity.INFO: "\033[1;36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


class Reporter:
    def __init__(self, out: TextIO, color: bool = False):
        self.out = out
        self.color = color
        self.files: list[tuple[str, list[Diagnostic]]] = []  # not the flows: a big run would hold them all

    def add(self, result: FileResult) -> None:
        self.files.append((result.path, result.diagnostics))

    def finish(self) -> None:
        """Write whatever waits for the end of the run."""


class TextReporter(Reporter):
    def add(self, result: FileResult) -> None:
        for diagnostic in result.diagnostics:
            self.out.write(format_text(diagnostic, self.color) + "\n")


class JsonReporter(Reporter):
    def finish(self) -> None:
        import json

        diagnostics = [d.to_dict() for _, found in self.files for d in found]
        self.out.write(json_safe(json.dumps({"diagnostics": diagnostics}, ensure_ascii=False, indent=2)))
        self.out.write("\n")


class GithubReporter(Reporter):
    def add(self, result: FileResult) -> None:
        for diagnostic in result.diagnostics:
            self.out.write(format_github(diagnostic) + "\n")


class JunitReporter(Reporter):
    def finish(self) -> None:
        from xml.etree import ElementTree

        suites = ElementTree.Element("testsuites", name="alur check")
        total = failed = 0
        for path, found in self.files:
            path = escape_controls(path)
            errors = [d for d in found if d.severity is Severity.ERROR]
            cases = max(1, len(found))
            suite = ElementTree.SubElement(
                suites, "testsuite", name=path, tests=str(cases), failures=str(len(errors)), errors="0"
            )
            total, failed = total + cases, failed + len(errors)
            if not found:
                ElementTree.SubElement(suite, "testcase", classname=path, name="alur check")
            for d in found:
                where = escape_controls(d.location().removeprefix(d.file).lstrip(":"))
                case = ElementTree.SubElement(suite, "testcase", classname=path, name=f"{d.code} {where}".strip())
                if d.severity is Severity.ERROR:
                    failure = ElementTree.SubElement(case, "failure", type=d.code, message=escape_controls(d.message))
                    failure.text = format_text(d)
                else:
                    ElementTree.SubElement(case, "system-out").text = format_text(d)
        suites.set("tests", str(total))
        suites.set("failures", str(failed))
        ElementTree.indent(suites)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(ElementTree.tostring(suites, encoding="unicode"))
        self.out.write("\n")


REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
}


def format_text(diagnostic: Diagnostic, color: bool = False) -> str:
    """`path:line:column: severity code message`, optionally with ANSI colours
    (the only control characters it holds)."""
    if not color:
        return escape_controls(str(diagnostic))
    severity = f"{_COLORS[diagnostic.severity]}{diagnostic.severity}{_RESET}"
    location, message = escape_controls(diagnostic.location()), escape_controls(diagnostic.message)
    return f"{_BOLD}{location}:{_RESET} {severity} {_DIM}{diagnostic.code}{_RESET} {message}"


def format_github(diagnostic: Diagnostic) -> str:
    """A GitHub Actions workflow command: `::error file=..,line=..,col=..,title=..::message`."""
    command = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}[diagnostic.severity]
    properties = [f"file={_escape_property(escape_controls(diagnostic.file))}"]
    if diagnostic.line is not None:
        properties.append(f"line={diagnostic.line}")
        if diagnostic.column is not None:
            properties.append(f"col={diagnostic.column}")
    properties.append(f"title={_escape_property('alur ' + diagnostic.code)}")
    return f"::{command} {','.join(properties)}::{_escape_data(escape_controls(diagnostic.message, lines=True))}"


def summary(errors: int, warnings: int, files: int) -> str:
    """`N errors, M warnings in K files`."""
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(files, 'file')}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
