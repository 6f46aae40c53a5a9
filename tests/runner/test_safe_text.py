"""Control characters from transcripts and flows never reach a reader's
terminal raw (issue 12, item 4): they are shown as visible text in every
format a person reads, and JSON and JUnit stay valid."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from alur.runner.cli import main
from alur.runner.safe_text import escape_controls, json_safe, shown

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RETITLE, CLEAR, CSI, OVERRIDE = "\x1b]0;PWNED\x07", "\x1b[2J", "\x9b2J", "\u202e"
# Any of these, raw, lets a text act on the terminal instead of being shown.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def test_control_characters_are_shown_as_visible_text():
    assert escape_controls(f"a{RETITLE}b{CLEAR}") == "a\\x1b]0;PWNED\\x07b\\x1b[2J"
    assert escape_controls(f"x{CSI}{OVERRIDE}\r") == "x\\x9b2J\\u202e\\r"
    assert escape_controls("two\nlines\tand a tab") == "two\\nlines\\tand a tab"
    assert escape_controls("two\nlines\tand a tab", lines=True) == "two\nlines\tand a tab"
    plain = "Halo kak, pesanan INV-123456 sudah dikirim"
    assert escape_controls(plain) is plain


def test_shown_masks_first_then_escapes():
    assert shown(f"hubungi 081234567890{CLEAR}") == "hubungi [PHONE]\\x1b[2J"


def test_json_keeps_the_data_and_escapes_what_json_lets_through():
    document = json.dumps({"id": f"c{CSI}{OVERRIDE}"}, ensure_ascii=False)
    safe = json_safe(document)
    assert RAW_CONTROL.search(safe) is None
    assert json.loads(safe) == json.loads(document)


def _hostile_transcript(path: Path) -> Path:
    """The example conversation with a loop in it, with escape sequences in its id and texts."""
    line = next(
        line
        for line in (EXAMPLES / "transcripts" / "otp_login.jsonl").read_text().splitlines()
        if "otp-0013-bad" in line
    )
    conversation = json.loads(line)
    conversation["id"] = f"otp-13{CLEAR}{OVERRIDE}"
    for turn in conversation["turns"]:
        if turn["role"] == "user":
            turn["text"] += f" {RETITLE}{CSI}\r"
    path.write_text(json.dumps(conversation) + "\n" + '{"id": "broken' + CLEAR + '", \n')
    return path


def _outputs(args: list[str], capsys) -> tuple[str, str]:
    main(args)
    captured = capsys.readouterr()
    return captured.out, captured.err


@pytest.mark.parametrize("fmt", ["text", "markdown", "junit", "json"])
@pytest.mark.parametrize("command", ["audit", "replay"])
def test_reports_show_no_raw_control_character(command, fmt, tmp_path, capsys):
    transcript = _hostile_transcript(tmp_path / f"chat{RETITLE}.jsonl")
    flow = [str(EXAMPLES / "otp_login.flow.yaml")] if command == "replay" else []
    out, err = _outputs([command, "--format", fmt, *flow, str(transcript)], capsys)
    assert "otp-13" in out  # the conversation is reported
    assert RAW_CONTROL.search(out) is None, out
    assert RAW_CONTROL.search(err) is None, err
    if fmt == "json":
        ids = [result["id"] for result in json.loads(out)["results"]]
        assert f"otp-13{CLEAR}{OVERRIDE}" in ids  # the data itself, escaped by JSON
    elif fmt == "junit":
        names = [case.get("name") for case in ElementTree.fromstring(out).iter("testcase")]
        assert "otp-13\\x1b[2J\\u202e" in names
    else:
        assert "otp-13\\x1b[2J\\u202e" in out.replace("\\\\", "\\").replace("\\[", "[")  # Markdown escapes \\ and [


def test_messages_on_stderr_show_no_raw_control_character(tmp_path, capsys):
    missing = tmp_path / f"nothing{CLEAR}.jsonl"
    assert main(["audit", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "nothing\\x1b[2J.jsonl" in err and RAW_CONTROL.search(err) is None
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x", "turns": [' + RETITLE + "\n")
    main(["redact", str(broken), "-o", str(tmp_path / f"out{CLEAR}.jsonl")])
    assert RAW_CONTROL.search(capsys.readouterr().err) is None


FLOW_WITH_ESCAPES = """\
alur: 1
flow: hostile
start: greet
states:
  greet:
    say: "Halo\\u001b]0;PWNED\\u0007"
    next: "nowhere\\u001b[2J"
"""


@pytest.mark.parametrize("fmt", ["text", "github", "junit", "json"])
def test_check_diagnostics_show_no_raw_control_character(fmt, tmp_path, capsys):
    flow = tmp_path / f"hostile{CLEAR}.flow.yaml"  # flows come from anywhere, and so do their names
    flow.write_text(FLOW_WITH_ESCAPES)
    out, err = _outputs(["check", "--format", fmt, str(flow)], capsys)
    assert "nowhere" in out
    assert RAW_CONTROL.search(out) is None and RAW_CONTROL.search(err) is None
    if fmt == "junit":
        assert any("hostile\\x1b[2J" in suite.get("name") for suite in ElementTree.fromstring(out).iter("testsuite"))
    elif fmt == "json":
        assert all(d["file"] == str(flow) for d in json.loads(out)["diagnostics"])
    else:
        assert "hostile\\x1b[2J.flow.yaml" in out
