"""`alur check`, `alur rules` and `alur schema` as a user and a CI job see them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from alur.flows.check import check_paths, load_runnable_flow
from alur.flows.diagnostics import FlowError
from alur.runner.cli import main

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "examples" / "broken"
GOOD = ROOT / "examples" / "order_status.flow.yaml"


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A folder to run in, with no configuration above it that could leak in."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def copy(name: str, folder: Path) -> Path:
    return Path(shutil.copy(BROKEN / name, folder / name))


def test_clean_flow_exits_0_with_a_summary_on_stderr(work, capsys):
    assert main(["check", str(GOOD)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip() == "0 errors, 0 warnings in 1 file"


def test_warnings_only_exit_0_errors_exit_1_and_every_file_is_reported(work, capsys):
    warning = copy("unused-intent.flow.yaml", work)
    error = copy("undefined-start.flow.yaml", work)
    assert main(["check", str(warning)]) == 0
    capsys.readouterr()
    assert main(["check", str(error), str(warning)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{error}:4:8: error undefined-start start state 'greeting' is not defined; did you mean 'greet'?",
        f"{warning}:7:3: warning unused-intent intent 'refund_question' is defined but no state or `global` route uses it",
    ]
    assert err.strip() == "1 error, 1 warning in 2 files"


def test_folder_and_glob_expand_to_flow_files(work, capsys):
    (work / "flows" / "sub").mkdir(parents=True)
    (work / "flows" / ".hidden").mkdir()
    copy("unused-intent.flow.yaml", work / "flows")
    copy("unused-slot.flow.yaml", work / "flows" / "sub")
    copy("undefined-start.flow.yaml", work / "flows" / ".hidden")
    (work / "flows" / "notes.yaml").write_text("just: notes\n")
    assert main(["check", "flows"]) == 0
    out, _ = capsys.readouterr()
    assert sorted({line.split(":")[0] for line in out.splitlines()}) == [
        "flows/sub/unused-slot.flow.yaml",
        "flows/unused-intent.flow.yaml",
    ]
    assert main(["check", "flows/**/*.flow.yaml"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3


def test_missing_path_is_unusable_but_other_files_are_still_checked(work, capsys):
    error = copy("undefined-start.flow.yaml", work)
    assert main(["check", "nope.flow.yaml", str(error)]) == 2
    out, err = capsys.readouterr()
    assert "nope.flow.yaml: error unreadable no such file or folder" in out
    assert "undefined-start" in out
    assert err.strip() == "2 errors, 0 warnings in 1 file"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["empty_dir"], "no *.flow.yaml or *.flow.yml files in this folder"),
        (["*.flow.yaml"], "no files match this pattern"),
    ],
)
def test_nothing_to_check_is_unusable(work, capsys, args, message):
    (work / "empty_dir").mkdir()
    assert main(["check", *args]) == 2
    assert message in capsys.readouterr().out


def test_json_format_is_the_contract_shape(work, capsys):
    error = copy("undefined-start.flow.yaml", work)
    assert main(["check", "--format", "json", str(error)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "diagnostics": [
            {
                "file": str(error),
                "line": 4,
                "column": 8,
                "severity": "error",
                "code": "undefined-start",
                "message": "start state 'greeting' is not defined; did you mean 'greet'?",
            }
        ]
    }


def test_github_format_is_chosen_on_github_actions(work, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    flow = copy("whatsapp-list.flow.yaml", work)
    assert main(["check", str(flow)]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"::warning file={flow},line=19,col=18,title=alur whatsapp-list::menu button label 'Lihat semua pilihan layanan' "
        "is 27 characters; WhatsApp allows 20\n"
    )
    assert main(["check", "--format", "text", str(flow)]) == 0
    assert capsys.readouterr().out.startswith(f"{flow}:19:18: warning")


def test_github_format_escapes_what_would_break_the_command(work, capsys):
    flow = work / "a,b:c.flow.yaml"
    flow.write_text("- not\n- a flow\n")
    assert main(["check", "--format", "github", str(flow)]) == 2
    assert capsys.readouterr().out.startswith(
        f"::error file={work}/a%2Cb%3Ac.flow.yaml,line=1,col=1,title=alur not-a-flow::this is a YAML list"
    )


def test_junit_format(work, capsys):
    error = copy("undefined-start.flow.yaml", work)
    warning = copy("unused-intent.flow.yaml", work)
    assert main(["check", "--format", "junit", str(error), str(warning), str(GOOD)]) == 1
    root = ElementTree.fromstring(capsys.readouterr().out)
    assert root.tag == "testsuites" and root.get("tests") == "3" and root.get("failures") == "1"
    suites = {suite.get("name"): suite for suite in root}
    failure = suites[str(error)].find("testcase/failure")
    assert failure.get("type") == "undefined-start" and "greeting" in failure.get("message")
    assert suites[str(warning)].find("testcase/failure") is None
    assert "unused-intent" in suites[str(warning)].find("testcase/system-out").text
    assert suites[str(GOOD)].find("testcase").get("name") == "alur check"


def test_config_file_is_found_and_applied(work, capsys):
    flow = copy("unused-slot.flow.yaml", work)
    (work / "sub").mkdir()
    (work / ".alur.yaml").write_text("ignore: [unused-slot]\n")
    os.chdir(work / "sub")
    assert main(["check", str(flow)]) == 0
    assert capsys.readouterr().out == ""


def test_pyproject_tool_alur_section(work, capsys):
    flow = copy("whatsapp-list.flow.yaml", work)
    (work / "pyproject.toml").write_text('[project]\nname = "bot"\n\n[tool.alur.limits.whatsapp]\nlist_button = 30\n')
    assert main(["check", str(flow)]) == 0
    assert capsys.readouterr().out == ""


def test_bad_config_is_unusable_input_naming_the_file(work, capsys):
    (work / ".alur.yaml").write_text("ignore: [unused-slots]\n")
    assert main(["check", str(GOOD)]) == 2
    err = capsys.readouterr().err
    assert ".alur.yaml: `ignore`: no such rule: 'unused-slots'; did you mean 'unused-slot'?" in err


def test_select_and_ignore_flags(work, capsys):
    flow = copy("unused-slot.flow.yaml", work)
    assert main(["check", "--ignore", "unused-slot", str(flow)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", "--select", "unused-intent,trap-state", str(flow)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", "--select", "unused-slott", str(flow)]) == 2


def test_colour_only_on_a_terminal_without_no_color():
    from alur.flows.diagnostics import Diagnostic, Severity
    from alur.runner.reports.check import format_text

    diagnostic = Diagnostic("f.flow.yaml", 3, 4, Severity.ERROR, "undefined-state", "boom")
    assert format_text(diagnostic) == "f.flow.yaml:3:4: error undefined-state boom"
    assert "\033[" in format_text(diagnostic, color=True)
    script = "import sys; from alur.runner.cli import main; sys.exit(main(['check', sys.argv[1]]))"
    # Not a terminal (a pipe): never coloured, whatever the environment says.
    done = subprocess.run(
        [sys.executable, "-c", script, str(BROKEN / "undefined-start.flow.yaml")], capture_output=True, text=True
    )
    assert done.returncode == 1 and "\033[" not in done.stdout


def test_rules_lists_and_explains(work, capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "escalation-unreachable    warning  a human handoff is not reachable" in out
    assert "duplicate-key" in out  # file problems are listed too
    assert main(["rules", "whatsapp-buttons"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("whatsapp-buttons (warning)\n\nwhatsapp-buttons: WhatsApp reply buttons")
    assert "Fails:" in out and "Passes:" in out and "Fix:" in out
    assert "button_title = 20  (https://developers.facebook.com/docs/whatsapp" in out
    assert main(["rules", "escalation-unreachable"]) == 0
    assert "max_turns = 3" in capsys.readouterr().out
    assert main(["rules", "undefined-slot"]) == 0
    assert "stops replay and explore" in capsys.readouterr().out
    assert main(["rules", "unused-slots"]) == 2
    assert "no such rule: 'unused-slots'; did you mean 'unused-slot'?" in capsys.readouterr().err


def test_schema_prints_the_json_schema(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "alur flow" and "states" in schema["required"]


def test_check_paths_yields_each_file_once_in_order(tmp_path):
    a = copy("unused-intent.flow.yaml", tmp_path)
    b = copy("unused-slot.flow.yaml", tmp_path)
    results = list(check_paths([b, a, str(tmp_path), b]))
    assert [r.path for r in results] == [str(b), str(a)]
    assert [r.warnings for r in results] == [2, 1]


def test_load_runnable_flow_blocks_only_on_reference_errors():
    assert load_runnable_flow(GOOD).id == "order_status"
    for warning_only in ("trap-state", "escalation-unreachable", "unused-slot"):
        assert load_runnable_flow(BROKEN / f"{warning_only}.flow.yaml")
    # Lint errors that do not break execution do not block either.
    assert load_runnable_flow(BROKEN / "no-way-out.flow.yaml")
    for blocking in (
        "undefined-state",
        "undefined-start",
        "undefined-slot",
        "undefined-intent",
        "bad-condition",
        "bad-regex",
    ):
        with pytest.raises(FlowError) as caught:
            load_runnable_flow(BROKEN / f"{blocking}.flow.yaml")
        assert [d.code for d in caught.value.diagnostics] == [blocking]


def test_load_runnable_flow_refuses_unreadable_files(tmp_path):
    (tmp_path / "list.flow.yaml").write_text("- a\n")
    with pytest.raises(FlowError, match="not-a-flow"):
        load_runnable_flow(tmp_path / "list.flow.yaml")


def test_check_imports_neither_textual_nor_transitions_nor_jsonschema_for_a_valid_file():
    script = (
        "import sys; from alur.runner.cli import main; code = main(['check', sys.argv[1]]);"
        "print(sorted(m for m in ('textual', 'transitions', 'jsonschema') if m in sys.modules)); sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", script, str(GOOD)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
