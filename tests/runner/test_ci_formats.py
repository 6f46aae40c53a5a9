"""The formats each CI reads as its own: SARIF 2.1.0 for GitHub code
scanning, GitLab's code-quality JSON, GitHub annotations for replay and audit."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from alur.runner.cli import main

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "examples" / "broken"


def sarif_errors(log: dict) -> list[str]:
    """What the SARIF 2.1.0 schema requires and `log` lacks (empty: valid):
    sarifLog needs version 2.1.0 and runs; a run, its tool; a tool, its
    driver, named; a rule, its id; a result, a message with text, a level
    from none/note/warning/error, a location with an artifact and a region
    starting at line 1 or later."""
    problems = []
    if log.get("version") != "2.1.0" or not isinstance(log.get("runs"), list):
        problems.append("sarifLog: version 2.1.0 and runs required")
    for run in log.get("runs", []):
        driver = run.get("tool", {}).get("driver", {})
        if not isinstance(driver.get("name"), str):
            problems.append("run.tool.driver.name required")
        problems += ["rule without id" for rule in driver.get("rules", []) if not rule.get("id")]
        for result in run.get("results", []):
            if not isinstance(result.get("message", {}).get("text"), str):
                problems.append("result.message.text required")
            if result.get("level", "warning") not in ("none", "note", "warning", "error"):
                problems.append(f"level {result.get('level')}")
            for location in result.get("locations", []):
                physical = location.get("physicalLocation", {})
                if "artifactLocation" not in physical and "address" not in physical:
                    problems.append("physicalLocation needs artifactLocation")
                region = physical.get("region", {})
                if "startLine" in region and not (isinstance(region["startLine"], int) and region["startLine"] >= 1):
                    problems.append("region.startLine must be >= 1")
    return problems


def test_check_writes_sarif_github_code_scanning_takes(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [
        str(BROKEN / "undefined-intent.flow.yaml"),
        str(BROKEN / "trap-state.flow.yaml"),
        str(ROOT / "examples" / "complaint.flow.yaml"),
    ]
    assert main(["check", "--format", "sarif", *paths]) == 1
    log = json.loads(capsys.readouterr().out)
    assert sarif_errors(log) == []
    results = log["runs"][0]["results"]
    levels = {result["ruleId"]: result["level"] for result in results}
    assert levels == {"undefined-intent": "error", "trap-state": "warning"}
    first = next(r for r in results if r["ruleId"] == "undefined-intent")
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 8, "startColumn": 3}
    assert {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]} == set(levels)


def test_the_sarif_checker_refuses_what_the_schema_refuses() -> None:
    assert sarif_errors({"version": "2.0.0", "runs": [{"tool": {"driver": {}}, "results": [{"level": "fatal"}]}]}) == [
        "sarifLog: version 2.1.0 and runs required",
        "run.tool.driver.name required",
        "result.message.text required",
        "level fatal",
    ]


def test_check_writes_gitlab_code_quality(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "check",
                "--format",
                "gitlab",
                str(BROKEN / "undefined-intent.flow.yaml"),
                str(BROKEN / "trap-state.flow.yaml"),
            ]
        )
        == 1
    )
    issues = json.loads(capsys.readouterr().out)
    assert {issue["severity"] for issue in issues} == {"major", "minor"}
    assert all({"description", "check_name", "fingerprint", "severity", "location"} <= set(issue) for issue in issues)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)  # GitLab needs each unique
    assert all(isinstance(issue["location"]["lines"]["begin"], int) for issue in issues)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_replay_and_audit_annotate_the_conversation_s_line(jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    transcripts = str(ROOT / "examples" / "transcripts" / "complaint.jsonl")
    assert main(["audit", "--format", "github", "-j", jobs, transcripts]) == 1
    out = capsys.readouterr().out.splitlines()
    annotations = [line for line in out if line.startswith("::error ")]
    assert annotations and all(
        re.match(rf"::error file={re.escape(transcripts)},line=\d+,title=alur \w+::", line) for line in annotations
    )
    assert out[-1].startswith("::notice title=alur audit::2 of 12 conversations with findings")
    assert main(
        ["replay", "--format", "github", "-j", jobs, str(ROOT / "examples" / "complaint.flow.yaml"), transcripts]
    ) in (0, 1)
    assert capsys.readouterr().out.splitlines()[-1].startswith("::notice title=alur replay complaint::")


def test_annotations_mask_personal_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    menu = "Hubungi 0812-3456-7890 untuk bantuan"
    turns = [
        {"role": r, "text": t} for r, t in [("bot", menu), ("user", "x"), ("bot", menu), ("user", "y"), ("bot", menu)]
    ]
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"id": "wa-6281234567890", "turns": turns}) + "\n")
    assert main(["audit", "--format", "github", "-j", "1", str(path)]) == 1
    out = capsys.readouterr().out
    assert "3456" not in out and "6281234567890" not in out and "::error " in out
