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
- `sarif`: SARIF 2.1.0, which GitHub code scanning takes
  (`github/codeql-action/upload-sarif`): one result per diagnostic, with
  its rule, level, place and a fingerprint that survives moved lines.
- `gitlab`: GitLab's code-quality report (a JSON list of issues with
  `description`, `check_name`, `fingerprint`, `severity`, `location`),
  which a merge request shows beside the changed lines.

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


class SarifReporter(Reporter):
    """SARIF 2.1.0 (OASIS): the fields GitHub code scanning reads."""

    LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

    def finish(self) -> None:
        import json

        found = [d for _, diagnostics in self.files for d in diagnostics]
        fingerprints = _fingerprints(found)
        results = []
        for diagnostic, fingerprint in zip(found, fingerprints, strict=True):
            region = {"startLine": diagnostic.line} if diagnostic.line else {}
            if diagnostic.line and diagnostic.column:
                region["startColumn"] = diagnostic.column
            location: dict[str, object] = {"artifactLocation": {"uri": _uri(diagnostic.file)}}
            if region:
                location["region"] = region
            results.append(
                {
                    "ruleId": diagnostic.code,
                    "level": self.LEVELS[diagnostic.severity],
                    "message": {"text": escape_controls(diagnostic.message)},
                    "locations": [{"physicalLocation": location}],
                    "partialFingerprints": {"alur/v1": fingerprint},
                }
            )
        rules = [
            {"id": code, "help": {"text": f"`alur rules {code}` says what the rule checks and how to fix it"}}
            for code in sorted({d.code for d in found})
        ]
        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "alur", "rules": rules}}, "results": results}],
        }
        self.out.write(json_safe(json.dumps(log, ensure_ascii=False, indent=2)) + "\n")


class GitlabReporter(Reporter):
    """GitLab's code-quality report: the issues a merge request shows."""

    SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}

    def finish(self) -> None:
        import json

        found = [d for _, diagnostics in self.files for d in diagnostics]
        issues = [
            {
                "description": escape_controls(d.message),
                "check_name": d.code,
                "fingerprint": fingerprint,
                "severity": self.SEVERITIES[d.severity],
                "location": {"path": _uri(d.file), "lines": {"begin": d.line or 1}},
            }
            for d, fingerprint in zip(found, _fingerprints(found), strict=True)
        ]
        self.out.write(json_safe(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n")


def _uri(path: str) -> str:
    """A path as SARIF and GitLab want it: relative, with forward slashes."""
    return escape_controls(path).replace("\\", "/").removeprefix("./")


def _fingerprints(found: list[Diagnostic]) -> list[str]:
    """A fingerprint per diagnostic, the baseline's (`alur.runner.baseline`:
    file, code and normalised message, so a moved line keeps it), with the
    number of the same before it, so that each is unique as GitLab needs."""
    from collections import Counter

    from alur.runner.baseline import Known, normalised

    seen: Counter[str] = Counter()
    out = []
    for d in found:
        base = Known(d.file, d.code, "", normalised(d.message)).fingerprint
        out.append(f"{base}-{seen[base]}" if seen[base] else base)
        seen[base] += 1
    return out


REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "junit": JunitReporter,
    "sarif": SarifReporter,
    "gitlab": GitlabReporter,
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
    return workflow_command(
        command, diagnostic.file, diagnostic.line, diagnostic.column, "alur " + diagnostic.code, diagnostic.message
    )


def workflow_command(
    command: str, file: str | None, line: int | None, column: int | None, title: str, message: str
) -> str:
    """`::command file=..,line=..,col=..,title=..::message`, escaped as GitHub
    Actions reads it, control characters made visible: an annotation."""
    properties = [f"file={_escape_property(escape_controls(file))}"] if file else []
    if line is not None:
        properties.append(f"line={line}")
        if column is not None:
            properties.append(f"col={column}")
    properties.append(f"title={_escape_property(escape_controls(title))}")
    return f"::{command} {','.join(properties)}::{_escape_data(escape_controls(message, lines=True))}"


def summary(errors: int, warnings: int, files: int) -> str:
    """`N errors, M warnings in K files`."""
    return f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(files, 'file')}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
