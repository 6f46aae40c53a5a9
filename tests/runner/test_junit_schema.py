"""Every command's JUnit report passes the strict Jenkins xunit schema.

The rules below are those of the xunit plugin's junit-10.xsd (which
attributes each element may carry, which it must, which children it may
hold), written out here rather than copied: a report with an attribute the
schema does not know (`line` on a testcase, `skipped` on testsuites) is
refused by Jenkins' xunit step, so each is checked against the allowed set.
"""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from alur.runner.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

_RESULT = ({"type", "message"}, set(), set())  # failure, error, skipped: text only
# element: (allowed attributes, required attributes, allowed children)
RULES: dict[str, tuple[set[str], set[str], set[str]]] = {
    "testsuites": ({"name", "time", "tests", "failures", "errors"}, set(), {"testsuite"}),
    "testsuite": (
        {
            "name",
            "tests",
            "failures",
            "errors",
            "group",
            "time",
            "skipped",
            "timestamp",
            "hostname",
            "id",
            "package",
            "file",
            "log",
            "url",
        },
        {"name", "tests", "failures", "errors"},
        {"testsuite", "properties", "testcase", "system-out", "system-err"},
    ),
    "properties": (set(), set(), {"property"}),
    "property": ({"name", "value"}, {"name", "value"}, set()),
    "testcase": (
        {"name", "time", "classname", "group"},
        {"name"},
        {
            "skipped",
            "error",
            "failure",
            "rerunFailure",
            "rerunError",
            "flakyFailure",
            "flakyError",
            "system-out",
            "system-err",
        },
    ),
    "failure": _RESULT,
    "error": _RESULT,
    "skipped": _RESULT,
    "system-out": (set(), set(), set()),
    "system-err": (set(), set(), set()),
}


def schema_errors(xml: str) -> list[str]:
    """What junit-10.xsd would refuse in `xml` (empty: valid)."""
    root = ET.fromstring(xml)
    if root.tag not in ("testsuites", "testsuite"):
        return [f"root element {root.tag}"]
    problems = []
    for element in root.iter():
        if element.tag not in RULES:
            problems.append(f"unknown element {element.tag}")
            continue
        allowed, required, children = RULES[element.tag]
        problems += [f"{element.tag}@{name} not allowed" for name in sorted(set(element.attrib) - allowed)]
        problems += [f"{element.tag}@{name} missing" for name in sorted(required - set(element.attrib))]
        problems += [f"{child.tag} inside {element.tag}" for child in element if child.tag not in children]
    return problems


def test_the_checker_refuses_what_the_schema_refuses() -> None:
    assert schema_errors(
        '<testsuites skipped="0"><testsuite name="a" tests="1" failures="0" errors="0"><testcase name="x" line="3"/></testsuite></testsuites>'
    ) == [
        "testsuites@skipped not allowed",
        "testcase@line not allowed",
    ]
    assert schema_errors('<testsuite name="a" tests="0"/>') == [
        "testsuite@errors missing",
        "testsuite@failures missing",
    ]


def _report(tmp_path: Path, argv: list[str]) -> tuple[int, str]:
    out = tmp_path / "out.xml"
    status = main([*argv, "--format", "junit", "--output", str(out)])
    return status, out.read_text(encoding="utf-8")


COMMANDS = {
    "check": ["check", str(EXAMPLES / "broken" / "trap-state.flow.yaml"), str(EXAMPLES / "complaint.flow.yaml")],
    "replay": [
        "replay",
        str(EXAMPLES / "order_status.flow.yaml"),
        str(EXAMPLES / "transcripts" / "order_status.jsonl"),
        str(EXAMPLES / "transcripts" / "order_status.test.yaml"),
        "--jobs",
        "1",
    ],
    "audit": ["audit", str(EXAMPLES / "transcripts" / "complaint.jsonl"), "--jobs", "1"],
    "explore": ["explore", str(EXAMPLES / "broken" / "explore" / "handoff_only_in_menu.flow.yaml")],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_writes_junit_jenkins_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    if command == "check":  # check writes to standard output only
        status, xml = main([*COMMANDS[command], "--format", "junit"]), capsys.readouterr().out
    else:
        status, xml = _report(tmp_path, COMMANDS[command])
    assert status in (0, 1)
    assert schema_errors(xml) == []
    assert int(ET.fromstring(xml).get("tests") or ET.fromstring(xml).find("testsuite").get("tests")) > 0  # type: ignore[union-attr]


def test_replay_keeps_the_conversation_s_place_in_the_failure_text(tmp_path: Path) -> None:
    transcripts = tmp_path / "day1.jsonl"
    shutil.copy(EXAMPLES / "transcripts" / "complaint.jsonl", transcripts)
    status, xml = _report(tmp_path, ["audit", str(transcripts), "--jobs", "1"])
    failures = ET.fromstring(xml).iter("failure")
    assert status == 1 and all(f"{transcripts}:" in (failure.text or "") for failure in failures)


@pytest.mark.parametrize("command", ["replay", "audit"])
def test_exit_2_still_writes_a_junit_report_naming_the_problem(tmp_path: Path, command: str) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    argv = ["replay", str(EXAMPLES / "complaint.flow.yaml")] if command == "replay" else ["audit"]
    status, xml = _report(tmp_path, [*argv, str(empty)])
    assert status == 2 and schema_errors(xml) == []
    error = ET.fromstring(xml).find("testsuite/testcase/error")
    assert error is not None and f"no conversations to {command}" in (error.get("message") or "")


def test_exit_2_with_junit_on_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "junit", "no-such.flow.yaml"]) == 2
    out = capsys.readouterr().out
    assert schema_errors(out) == [] and "no-such.flow.yaml" in out


def test_explore_without_traps_passes_one_test_per_explored_state(tmp_path: Path) -> None:
    """Jenkins treats tests="0" as no results at all; a clean flow lists what was tried."""
    status, xml = _report(tmp_path, ["explore", str(EXAMPLES / "complaint.flow.yaml")])
    suite = ET.fromstring(xml).find("testsuite")
    assert status == 0 and suite is not None and schema_errors(xml) == []
    cases = suite.findall("testcase")
    assert len(cases) >= 2 and suite.get("tests") == str(len(cases)) and suite.get("failures") == "0"
    assert all(case.get("name", "").startswith("state ") and len(case) == 0 for case in cases)
