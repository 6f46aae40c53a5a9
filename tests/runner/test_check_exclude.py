"""`exclude` in the configuration: folders of deliberately broken flows are
passed over when a folder is walked, yet checked when named."""

from __future__ import annotations

from pathlib import Path

import pytest

from alur.runner.cli import main

CLEAN = """\
alur: 1
flow: tiny
start: hi
intents:
  human: {handoff: true, examples: ["mau bicara dengan manusia"]}
global: {human: agent}
fallback: {max_retries: 1, then: agent}
states:
  hi:
    say: Halo!
    on: {human: agent}
  agent: {escalate: true, say: Sebentar ya.}
"""
BROKEN = CLEAN.replace("start: hi", "start: nowhere")


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "flows" / "broken").mkdir(parents=True)
    (tmp_path / "flows" / "tiny.flow.yaml").write_text(CLEAN)
    (tmp_path / "flows" / "broken" / "bad.flow.yaml").write_text(BROKEN)
    (tmp_path / ".alur.yaml").write_text("exclude: [flows/broken]\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_walking_a_folder_passes_excluded_folders_over(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "flows"]) == 0
    assert "bad.flow.yaml" not in capsys.readouterr().out


def test_an_excluded_folder_or_file_named_on_the_command_line_is_checked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "flows/broken"]) == 1
    assert "bad.flow.yaml" in capsys.readouterr().out
    assert main(["check", "flows/broken/bad.flow.yaml"]) == 1


def test_exclude_must_be_a_list_of_paths(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".alur.yaml").write_text("exclude: 3\n")
    assert main(["check", "flows"]) == 2
    assert ".alur.yaml" in capsys.readouterr().err
