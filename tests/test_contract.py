"""docs/contract.md is the contract, inside the repository, and true to the code.

Every "contract §N" in the code, docs and tests names a section the
contract has; nothing points outside the repository for it; and the
contract's own examples run: its flow checks clean, its test conversations
pass against that flow, its transcript replays, and its JSON report has
the keys alur writes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from alur.flows.check import check_text
from alur.runner.cli import main

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT / "docs" / "contract.md"
SEARCHED = ("flows", "runner", "designer", "docs", "tests", "benchmarks", "examples", "scripts")
SUFFIXES = {".py", ".md", ".yaml", ".yml", ".toml", ".txt", ".json"}
REFERENCE = re.compile(r"contract\s*\(?§\s*(\d+)", re.IGNORECASE)
SECTION = re.compile(r"^## (\d+)\. ", re.MULTILINE)


def _files() -> list[Path]:
    files = [ROOT / "README.md", ROOT / "pyproject.toml"]
    for folder in SEARCHED:
        files.extend(p for p in (ROOT / folder).rglob("*") if p.suffix in SUFFIXES and "__pycache__" not in p.parts)
    return files


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", CONTRACT.read_text(encoding="utf-8"), re.DOTALL)


def test_every_contract_reference_names_a_section_of_docs_contract_md() -> None:
    sections = set(SECTION.findall(CONTRACT.read_text(encoding="utf-8")))
    references = [
        (path.relative_to(ROOT), number)
        for path in _files()
        for number in REFERENCE.findall(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert len(references) > 20  # the code cites the contract throughout
    assert [(str(path), number) for path, number in references if number not in sections] == []


def test_nothing_points_outside_the_repository_for_the_contract() -> None:
    others = [p for p in _files() if p != Path(__file__).resolve()]  # this file names the old place
    outside = [
        str(p.relative_to(ROOT))
        for p in others
        if "spec/CONTRACT.md" in p.read_text(encoding="utf-8", errors="replace")
    ]
    assert outside == []


@pytest.fixture
def flow(tmp_path: Path) -> Path:
    path = tmp_path / "order_status.flow.yaml"
    path.write_text(_blocks("yaml")[0], encoding="utf-8")
    return path


def test_the_contract_flow_checks_clean(flow: Path) -> None:
    result = check_text(flow.read_text(encoding="utf-8"), str(flow))
    assert [str(d) for d in result.diagnostics] == []


def test_the_contract_test_conversations_pass_against_its_flow(
    flow: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tests = tmp_path / "order_status.test.yaml"
    tests.write_text(_blocks("yaml")[1], encoding="utf-8")
    assert main(["replay", str(flow), str(tests), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [result["status"] for result in report["results"]] == ["pass", "pass"]


def test_the_contract_transcript_replays_and_the_report_has_the_contract_keys(
    flow: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    transcript, report_example = _blocks("json")
    recorded = tmp_path / "day1.jsonl"
    recorded.write_text(json.dumps(json.loads(transcript)) + "\n", encoding="utf-8")
    assert main(["replay", str(flow), str(recorded), "--format", "json", "--no-drift"]) == 0
    written = json.loads(capsys.readouterr().out)
    example = json.loads(report_example)
    assert list(written) == list(example)
    assert set(written["results"][0]) == set(example["results"][1])
    assert list(written["summary"]) == list(example["summary"])
    assert set(example["results"][0]["findings"][0]) == {"kind", "turn", "state", "message"}
