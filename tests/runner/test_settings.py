"""Settings of audit, replay and explore: found where `alur check` finds its
configuration, checked name by name, and read the same way by every command."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from alur.runner.cli import main
from alur.runner.errors import InputError
from alur.runner.settings import command_settings, jobs, numbers

ROOT = Path(__file__).resolve().parents[2]
OTP_FLOW = str(ROOT / "examples" / "otp_login.flow.yaml")
OTP_JSONL = str(ROOT / "examples" / "transcripts" / "otp_login.jsonl")  # one loop at the default threshold
TRAP_FLOW = str(
    ROOT / "examples" / "broken" / "explore" / "fallback_to_itself.flow.yaml"
)  # a loop and a missing escalation
REPLAY_KNOWN = ["loop_threshold", "disable", "coverage", "jobs"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with a subfolder the user works in."""
    (tmp_path / "flows").mkdir()
    monkeypatch.chdir(tmp_path / "flows")
    return tmp_path


def test_the_nearest_configuration_is_found_from_a_subfolder(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "bot"\n\n[tool.alur.replay]\nloop-threshold = 4\ncoverage = true\n'
    )
    settings = command_settings("replay", REPLAY_KNOWN)
    assert settings.number("loop_threshold", 2) == 4 and settings.switch("coverage") is True
    assert settings.source == f"{project / 'pyproject.toml'} [tool.alur.replay]"
    assert command_settings("audit", ["jobs"]).values == {}  # the file has no audit section


def test_a_folder_s_alur_yaml_wins_over_its_pyproject_as_for_alur_check(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.alur.replay]\nloop-threshold = 4\n")
    (project / ".alur.yaml").write_text("ignore: [unused-slot]\nreplay:\n  loop_threshold: 5\n  disable: dead-end\n")
    settings = command_settings("replay", REPLAY_KNOWN)
    assert settings.number("loop_threshold", 2) == 5 and settings.names("disable", "[x]") == ("dead-end",)
    explicit = command_settings("replay", REPLAY_KNOWN, project / "pyproject.toml")
    assert explicit.number("loop_threshold", 2) == 4


def test_an_unknown_setting_names_the_file_the_place_and_the_known_settings(project: Path) -> None:
    (project / ".alur.yaml").write_text("replay:\n  loop-threshold: 4\n  loop-treshold: 4\n")
    with pytest.raises(InputError) as caught:
        command_settings("replay", REPLAY_KNOWN)
    assert str(caught.value) == (
        f"{project / '.alur.yaml'}:3:3: unknown setting 'loop-treshold'; settings are coverage, disable, jobs, loop-threshold"
    )
    (project / ".alur.yaml").unlink()
    (project / "pyproject.toml").write_text("[tool.alur.audit]\nloop-treshold = 4\n")
    with pytest.raises(
        InputError,
        match=r"pyproject.toml \[tool.alur.audit\]: unknown setting 'loop-treshold'; settings are jobs, loop-threshold",
    ):
        command_settings("audit", ["loop_threshold", "jobs"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("replay:\n  loop-threshold: 1\n", ":2:3: loop-threshold must be a whole number of at least 2, got 1"),
        (
            "replay:\n  loop-threshold: yes\n",
            ":2:3: loop-threshold must be a whole number of at least 2, got 'yes'",
        ),  # YAML 1.2: a string
        ("replay:\n  coverage: 1\n", ":2:3: coverage must be true or false, got 1"),
        ("replay:\n  disable: {loop: true}\n", ":2:3: disable must be a list of names"),
        ("replay: [loop]\n", ":1:1: `replay` must be a table of settings"),
        ("replay:\n  loop-threshold: 3\n  loop_threshold: 4\n", ":3:3: loop-threshold is given twice"),
        ("replay:\n  jobs: 1\n  jobs: 2\n", "duplicate-key"),
    ],
)
def test_bad_values_are_named_with_their_place(project: Path, text: str, message: str) -> None:
    (project / ".alur.yaml").write_text(text)
    with pytest.raises(InputError) as caught:
        settings = command_settings("replay", REPLAY_KNOWN)
        settings.number("loop_threshold", 2), settings.switch("coverage"), settings.names("disable", "[loop]")
    assert message in str(caught.value) and ".alur.yaml" in str(caught.value)


def test_unreadable_and_missing_files_are_input_errors(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.alur.replay\n")
    with pytest.raises(InputError, match="pyproject.toml: cannot read it as TOML"):
        command_settings("replay", REPLAY_KNOWN)
    with pytest.raises(InputError, match="nowhere.toml: no such configuration file"):
        command_settings("replay", REPLAY_KNOWN, project / "nowhere.toml")


def test_file_names_are_relative_to_the_configuration_s_folder(project: Path) -> None:
    (project / "personas.yaml").write_text("personas: {}\n")
    (project / ".alur.yaml").write_text("explore:\n  personas: [personas.yaml]\n")
    assert command_settings("explore", ["personas"]).files("personas", "[x]") == (project / "personas.yaml",)
    (project / ".alur.yaml").write_text("explore:\n  personas: [missing.yaml]\n")
    with pytest.raises(InputError, match=r"\.alur\.yaml:2:3: personas: missing\.yaml: no such file"):
        command_settings("explore", ["personas"]).files("personas", "[x]")


def test_the_command_line_wins_and_is_checked_too(project: Path) -> None:
    (project / ".alur.yaml").write_text("replay:\n  loop-threshold: 5\n  jobs: 3\n")
    settings = command_settings("replay", REPLAY_KNOWN)
    table = [("loop_threshold", 3, 2, "")]
    assert numbers(settings, argparse.Namespace(loop_threshold=None), table) == {"loop_threshold": 5}
    assert numbers(settings, argparse.Namespace(loop_threshold=4), table) == {"loop_threshold": 4}
    with pytest.raises(InputError, match="--loop-threshold 1: must be at least 2"):
        numbers(settings, argparse.Namespace(loop_threshold=1), table)
    from alur.runner.parallel import default_jobs

    assert (
        jobs(settings, argparse.Namespace(jobs=None)) == min(3, default_jobs())
        and jobs(settings, argparse.Namespace(jobs=0)) is None
    )


# --------------------------------------------------------------------------- the three commands, one file


def test_every_command_reads_its_section_of_the_file_alur_check_reads(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = json.dumps(
        {"id": "c", "turns": [{"role": "bot", "text": "Pilih menu"}, {"role": "user", "text": "refund"}] * 3}
    )
    (project / "loop.jsonl").write_text(loop + "\n")
    assert main(["audit", "../loop.jsonl", "--jobs", "1"]) == 1
    assert main(["replay", OTP_FLOW, OTP_JSONL, "--jobs", "1"]) == 1
    assert main(["explore", TRAP_FLOW]) == 1
    (project / ".alur.yaml").write_text(
        "exclude: [broken]\n"
        "audit: {loop-threshold: 4, jobs: 1}\n"
        "replay: {disable: [loop]}\n"  # explore judges with replay's detectors
        "explore: {max-turns: 2}\n"
    )
    assert main(["audit", "../loop.jsonl"]) == 0
    assert main(["replay", OTP_FLOW, OTP_JSONL, "--jobs", "1"]) == 0
    assert main(["explore", TRAP_FLOW]) == 0  # two turns are too few to be denied a person three times
    capsys.readouterr()
    assert main(["explore", TRAP_FLOW, "--max-turns", "6", "--format", "json"]) == 1
    assert {r["findings"][0]["kind"] for r in json.loads(capsys.readouterr().out)["results"]} == {"missing_escalation"}
    assert main(["check", str(ROOT / "examples" / "otp_login.flow.yaml")]) == 0  # check accepts the sections


def test_explore_settings_are_checked_with_their_place(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / ".alur.yaml").write_text("explore:\n  max-turn: 2\n")
    assert main(["explore", TRAP_FLOW]) == 2
    err = capsys.readouterr().err
    assert (
        ".alur.yaml:2:3: unknown setting 'max-turn'; settings are max-branches, max-depth, max-states, max-turns, personas"
        in err
    )
    (project / ".alur.yaml").write_text("replay:\n  disable: [loops]\n")
    assert main(["explore", TRAP_FLOW]) == 2
    assert ".alur.yaml:2:3: no replay detector 'loops'" in capsys.readouterr().err


def test_a_personas_file_from_the_settings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "ours.yaml").write_text(
        'personas:\n  wants-supervisor:\n    description: asks for a supervisor\n    say: ["mau bicara sama supervisor"]\n'
    )
    (project / "pyproject.toml").write_text('[tool.alur.explore]\npersonas = ["ours.yaml"]\n')
    flow = str(ROOT / "examples" / "broken" / "explore" / "handoff_only_in_menu.flow.yaml")
    assert main(["explore", flow, "--persona", "wants-supervisor", "--format", "json"]) == 1
    assert {r["persona"] for r in json.loads(capsys.readouterr().out)["results"]} == {"wants-supervisor"}


def test_more_jobs_than_cores_are_capped_at_the_cores(project: Path) -> None:
    """`-j 99999` must not start 99,999 processes; `-j 0` and no setting mean all cores."""
    from alur.runner.parallel import default_jobs

    settings = command_settings("audit", ["jobs"])
    assert jobs(settings, argparse.Namespace(jobs=99_999)) == default_jobs()
    assert jobs(settings, argparse.Namespace(jobs=1)) == 1
    assert jobs(settings, argparse.Namespace(jobs=0)) is None
