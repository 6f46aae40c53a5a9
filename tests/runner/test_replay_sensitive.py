"""A failed expectation on a masked value (a sensitive slot, a phone
number) says how the values differ without showing them, and
`--show-sensitive` shows them on a terminal only."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from alur.runner.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OTP_FLOW = str(EXAMPLES / "otp_login.flow.yaml")
PHONE, OTHER = "+6281355550123", "+6281355550132"

SUITE = f"""flow: otp_login
conversations:
  - id: wrong-phone
    actions: {{send_otp: [sent], verify_otp: [valid]}}
    turns:
      - user: "LOGIN"
      - user: "{PHONE}"
        expect: {{slots: {{phone: "{OTHER}"}}}}
      - user: "123456"
        expect: {{slots: {{otp: "123465"}}}}
"""


@pytest.fixture
def suite(tmp_path: Path) -> str:
    path = tmp_path / "otp.test.yaml"
    path.write_text(SUITE, encoding="utf-8")
    return str(path)


def test_the_message_says_where_the_values_differ_without_them(capsys: pytest.CaptureFixture[str], suite: str) -> None:
    code = main(["replay", OTP_FLOW, suite, "--format", "json"])
    out, _ = capsys.readouterr()
    messages = [f["message"] for r in json.loads(out)["results"] for f in r["findings"]]
    assert code == 1 and len(messages) == 2, messages
    phone, otp = messages
    assert "both 14 characters; they differ at characters 13, 14" in phone
    assert "both 6 characters; they differ at characters 5, 6" in otp
    for value in (PHONE, OTHER, "123456", "123465", "5550123", "5550132"):
        assert value not in out


def test_show_sensitive_prints_the_values_after_the_text_report_on_a_terminal(
    capsys: pytest.CaptureFixture[str], suite: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    main(["replay", OTP_FLOW, suite, "--show-sensitive", "-j", "1"])
    out, _ = capsys.readouterr()
    report, _, shown = out.partition("--show-sensitive; never written to a file")
    assert PHONE not in report and "123465" not in report
    assert f"slot phone expected '{OTHER}', holds '{PHONE}'" in shown
    assert "slot otp expected '123465', holds '123456'" in shown and "line 9" in shown


@pytest.mark.parametrize(
    "extra", [["--format", "json"], ["--format", "junit"], ["-o", "REPORT"], []], ids=["json", "junit", "file", "pipe"]
)
def test_show_sensitive_is_refused_where_the_values_would_leave_the_terminal(
    capsys: pytest.CaptureFixture[str], suite: str, tmp_path: Path, extra: list[str]
) -> None:
    extra = [str(tmp_path / "report.txt") if a == "REPORT" else a for a in extra]
    code = main(["replay", OTP_FLOW, suite, "--show-sensitive", *extra])  # capsys: standard output is not a terminal
    out, err = capsys.readouterr()
    assert code == 2 and "--show-sensitive" in err and PHONE not in out + err
    assert not (tmp_path / "report.txt").exists()
