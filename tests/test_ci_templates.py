"""The GitHub Action (action.yml) and the GitLab job (docs/ci.md) run end to
end on a scratch repository: their shell steps, with the inputs filled in
as the CI would, against the alur installed here (the install step itself,
`pip install`, is checked for what it installs, not run)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A repository as a team would lay it out: flows, test conversations, logs."""
    (tmp_path / "flows").mkdir()
    shutil.copy(ROOT / "examples" / "order_status.flow.yaml", tmp_path / "flows")
    shutil.copy(ROOT / "examples" / "broken" / "undefined-intent.flow.yaml", tmp_path / "flows")
    (tmp_path / "logs").mkdir()
    shutil.copy(ROOT / "examples" / "transcripts" / "complaint.jsonl", tmp_path / "logs")
    (tmp_path / "conversations").mkdir()
    shutil.copy(ROOT / "examples" / "transcripts" / "order_status.test.yaml", tmp_path / "conversations")
    return tmp_path


def _bash(script: str, folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **env}
    environment.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_github_action_runs_on_a_scratch_repository(scratch: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    inputs.update(
        {
            "flows": "flows",
            "replay-flow": "flows/order_status.flow.yaml",
            "replay-transcripts": "conversations",
            "audit-transcripts": "logs",
        }
    )
    steps = action["runs"]["steps"]
    install = steps[0]
    assert "pip install" in install["run"] and "$GITHUB_ACTION_PATH" in install["run"]
    outcomes = {}
    for step in steps[1:]:
        if "run" not in step:
            assert (
                step["uses"].startswith("github/codeql-action/upload-sarif@")
                and step["with"]["sarif_file"] == "alur.sarif"
            )
            continue
        env = {key: EXPRESSION.sub(lambda m: inputs[m[1]], str(value)) for key, value in step.get("env", {}).items()}
        outcomes[step["name"]] = _bash(step["run"], scratch, env)
    check = outcomes["alur check"]
    assert check.returncode == 1 and "::error file=flows/undefined-intent.flow.yaml,line=8" in check.stdout
    sarif = json.loads((scratch / "alur.sarif").read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"][0]["ruleId"] == "undefined-intent"
    assert (
        outcomes["alur replay"].returncode == 0
        and "::notice title=alur replay order_status::" in outcomes["alur replay"].stdout
    )
    audit = outcomes["alur audit"]
    assert audit.returncode == 1 and "::error file=logs/complaint.jsonl,line=" in audit.stdout


def test_the_action_s_baseline_input_accepts_known_findings(scratch: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    step = next(s for s in action["runs"]["steps"] if s["name"] == "alur audit")
    (scratch / ".alur").mkdir()
    assert _bash("alur audit -j 1 logs --write-baseline .alur/audit.json", scratch, {}).returncode == 1
    env = {
        key: EXPRESSION.sub(lambda m: {"audit-transcripts": "logs", "baseline": ".alur"}[m[1]], value)
        for key, value in step["env"].items()
    }
    assert _bash(step["run"], scratch, env).returncode == 0


def test_the_gitlab_job_in_docs_runs_on_a_scratch_repository(scratch: Path) -> None:
    text = (ROOT / "docs" / "ci.md").read_text()
    block = re.search(r"## GitLab CI.*?```yaml\n(.*?)```", text, re.S)
    assert block is not None
    job = yaml.safe_load(block[1])["alur"]
    assert job["script"][0].startswith("pip install")
    variables = {
        **job["variables"],
        "ALUR_FLOWS": "flows",
        "ALUR_REPLAY_FLOW": "flows/order_status.flow.yaml",
        "ALUR_REPLAY_TRANSCRIPTS": "conversations",
        "ALUR_AUDIT_TRANSCRIPTS": "logs",
    }
    result = _bash("\n".join(job["script"][1:]), scratch, variables)
    assert result.returncode == 1  # the broken flow and the audit's findings fail the job
    issues = json.loads((scratch / "gl-code-quality-report.json").read_text())
    assert (
        issues[0]["check_name"] == "undefined-intent"
        and issues[0]["location"]["path"] == "flows/undefined-intent.flow.yaml"
    )
    reports = job["artifacts"]["reports"]
    assert reports["codequality"] == "gl-code-quality-report.json" and job["artifacts"]["when"] == "always"
    written = sorted(p.name for p in scratch.glob(reports["junit"]))
    assert written == ["alur-audit.xml", "alur-check.xml", "alur-replay.xml"]
    for name in written:
        assert ET.parse(scratch / name).getroot().tag == "testsuites"
