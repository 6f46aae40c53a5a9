"""`alur replay` as a QA engineer and a CI job use it: exit codes, the four
report formats, broken input, settings, and personal data masked everywhere."""

from __future__ import annotations

import json
import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from alur.runner.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OTP_FLOW = str(EXAMPLES / "otp_login.flow.yaml")
OTP_JSONL = str(EXAMPLES / "transcripts" / "otp_login.jsonl")
ORDER_FLOW = str(EXAMPLES / "order_status.flow.yaml")
ORDER_SUITES = [str(EXAMPLES / "transcripts" / f"order_status.{ext}") for ext in ("jsonl", "test.yaml")]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["replay", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _write_jsonl(path: Path, records: list[object]) -> str:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records),
        encoding="utf-8",
    )
    return str(path)


# --------------------------------------------------------------------------- exit codes and formats


def test_clean_suites_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ORDER_FLOW, *ORDER_SUITES)
    assert code == 0
    assert "alur replay order_status: 22 conversations, 22 passed, no findings" in out


def test_findings_exit_1_with_the_turn_and_excerpt(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, OTP_FLOW, OTP_JSONL)
    assert code == 1
    head = next(line for line in out.splitlines() if ": loop:" in line)
    assert head.startswith(f"{OTP_JSONL}:12: loop: bot said 'New code sent to [PHONE]")
    assert "(otp-0012-bad, turn 8, state ask_new_otp)" in head
    assert re.search(r"^  >    8 \| user   code never came!!$", out, re.M)
    assert "\x1b[" not in out  # no colour when not writing to a terminal


def test_json_report_is_contract_shaped_and_names_the_flow(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, OTP_FLOW, OTP_JSONL, "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["flow"] == "otp_login" and data["conversations"] == 13
    assert data["summary"] == {"loop": 1, "missing_escalation": 0, "dead_end": 0, "expectation": 0}
    assert [r["id"] for r in data["results"]] == [f"otp-{n:04d}" for n in range(1, 12)] + [
        "otp-0012-bad",
        "otp-0013-bad",
    ]
    bad = data["results"][11]
    assert bad["status"] == "fail" and bad["findings"][0] == {
        "kind": "loop",
        "turn": 8,
        "state": "ask_new_otp",
        "message": "bot said 'New code sent to [PHONE]. Older…' 3 times with no progress in between (no slot filled, no action run on anything new)",
    }
    assert data["drift"]["diverged"] == 2 and "coverage" not in data


def test_junit_has_one_testcase_per_conversation(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.xml"
    code, out, _ = _run(capsys, OTP_FLOW, OTP_JSONL, "--format", "junit", "--output", str(target))
    assert code == 1 and out == ""
    suite = ET.parse(target).getroot().find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    assert len(cases) == 13 and suite.get("failures") == "1"
    failing = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failing] == ["otp-0012-bad"]
    assert "turn 8" in failing[0].find("failure").get("message")  # type: ignore[union-attr]
    properties = {p.get("name"): p.get("value") for p in suite.findall("properties/property")}
    assert properties == {"drift": "2 of 13 recorded conversations now answer differently"}


def test_markdown_summary_for_a_pull_request(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, OTP_FLOW, OTP_JSONL, "--format", "markdown", "--coverage")
    assert code == 1
    assert out.startswith("### alur replay otp\\_login: 1 of 13 conversations with findings")
    assert "| `loop` | 1 |" in out and "### Coverage of `otp_login`" in out and "### Drift from the recorded bot" in out


def test_jobs_do_not_change_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(p) for p in sorted((EXAMPLES / "transcripts").glob("*"))]
    reports = []
    for jobs in ("1", "2"):
        code, out, _ = _run(capsys, ORDER_FLOW, *paths, "--any-flow", "--format", "json", "--coverage", "--jobs", jobs)
        assert code == 1
        reports.append(json.loads(out))
    assert reports[0] == reports[1]
    assert reports[0]["conversations"] == 101  # every conversation of the five suites


# --------------------------------------------------------------------------- coverage, drift, other flows


def test_coverage_lists_what_was_never_visited(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ORDER_FLOW, ORDER_SUITES[0], "--coverage")
    assert code == 0
    section = out[out.index("coverage of flow order_status") :]
    assert "states never visited" not in section or "    keep_order" in section
    assert "transitions never taken" in section and "    refund_info --thanks--> done" in section


def test_drift_summarised_per_state_and_can_be_turned_off(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, OTP_FLOW, OTP_JSONL)
    assert "drift from the recorded bot: 2 of 13 recorded conversations now answer differently" in out
    assert "  in state ask_otp: 2 conversations" in out
    assert "otp-0013-bad turn 4: recorded in state ask_otp, now handoff" in out
    _, out, _ = _run(capsys, OTP_FLOW, OTP_JSONL, "--no-drift")
    assert "drift" not in out


def test_other_flows_are_noted_not_replayed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, ORDER_FLOW, ORDER_SUITES[0], OTP_JSONL)
    assert code == 0
    assert (
        "note: 13 conversations recorded for other flows not replayed: otp_login (13); --any-flow replays them" in out
    )


# --------------------------------------------------------------------------- unusable and broken input


def test_unusable_input_exits_2_with_a_message(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, OTP_FLOW, str(tmp_path / "missing.jsonl"))
    assert code == 2 and "missing.jsonl: no such file or folder" in err
    code, _, err = _run(capsys, str(EXAMPLES / "broken" / "undefined-state.flow.yaml"), OTP_JSONL)
    assert code == 2 and "undefined-state" in err and "Traceback" not in err
    code, _, err = _run(capsys, OTP_FLOW, OTP_JSONL, "--loop-threshold", "1")
    assert code == 2 and "--loop-threshold 1: must be at least 2" in err
    code, _, err = _run(capsys, OTP_FLOW, OTP_JSONL, "--disable", "loops")
    assert code == 2 and "no replay detector 'loops'" in err
    (tmp_path / "empty").mkdir()
    code, _, err = _run(capsys, OTP_FLOW, str(tmp_path / "empty"))
    assert code == 2 and "no transcripts in this folder" in err


def test_broken_lines_are_named_and_the_rest_is_replayed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _write_jsonl(
        tmp_path / "mixed.jsonl",
        [
            {"id": "ok-1", "turns": [{"role": "user", "text": "LOGIN"}]},
            '{"id": "cut", "turns": [',
            {"id": "robot", "turns": [{"role": "robot", "text": "x"}]},
            "[1, 2]",
            {"id": "ok-2", "turns": [{"role": "user", "text": "AGENT"}]},
        ],
    )
    code, out, _ = _run(capsys, OTP_FLOW, path, "--format", "json")
    data = json.loads(out)
    assert code == 1  # lines that could not be checked fail the build
    assert [r["id"] for r in data["results"]] == ["ok-1", "ok-2"]
    assert [s["source"] for s in data["skipped"]] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert "not valid JSON" in data["skipped"][0]["reason"] and "unknown role 'robot'" in data["skipped"][1]["reason"]


def test_missing_action_outcome_is_an_error_status_not_a_crash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = _write_jsonl(
        tmp_path / "no-outcomes.jsonl",
        [
            {"id": "no-sms", "turns": [{"role": "user", "text": "LOGIN"}, {"role": "user", "text": "081355550123"}]},
            {"id": "fine", "turns": [{"role": "user", "text": "AGENT"}]},
        ],
    )
    code, out, _ = _run(capsys, OTP_FLOW, path, "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert [r["status"] for r in data["results"]] == ["error", "pass"]
    assert "action 'send_otp'" in data["results"][0]["error"] and "turn 1" in data["results"][0]["error"]
    fixtures = tmp_path / "fixtures.yaml"
    fixtures.write_text("send_otp: [sent]\n", encoding="utf-8")
    code, out, _ = _run(capsys, OTP_FLOW, path, "--format", "json", "--fixtures", str(fixtures))
    assert code == 0 and [r["status"] for r in json.loads(out)["results"]] == ["pass", "pass"]


# --------------------------------------------------------------------------- settings


def test_settings_from_pyproject_and_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.alur.replay]\nloop-threshold = 4\n", encoding="utf-8")
    assert _run(capsys, OTP_FLOW, OTP_JSONL)[0] == 0
    assert _run(capsys, OTP_FLOW, OTP_JSONL, "--loop-threshold", "3")[0] == 1
    (tmp_path / "pyproject.toml").write_text('[tool.alur.replay]\ndisable = ["loop"]\n', encoding="utf-8")
    assert _run(capsys, OTP_FLOW, OTP_JSONL)[0] == 0
    (tmp_path / "pyproject.toml").write_text("[tool.alur.replay]\nloop-treshold = 4\n", encoding="utf-8")
    code, _, err = _run(capsys, OTP_FLOW, OTP_JSONL)
    assert code == 2 and "pyproject.toml [tool.alur.replay]: unknown setting 'loop-treshold'" in err


# --------------------------------------------------------------------------- privacy

SECRET_FLOW = """
alur: 1
flow: verify_identity
start: ask_mother
slots:
  mother: {type: text, sensitive: true}
  phone: {type: phone}
intents:
  talk_to_human: {handoff: true, examples: ["mau bicara dengan CS"]}
global: {talk_to_human: handoff}
fallback: {max_retries: 9, then: handoff}
states:
  ask_mother:
    say: "Nama gadis ibu kandung Anda?"
    collect: mother
    next: ask_phone
  ask_phone:
    say: "Terima kasih {mother}. Nomor HP Anda?"
    collect: phone
    next: done
  done: {end: true, say: "Data {phone} tercatat."}
  handoff: {escalate: true, say: "Agen kami akan membantu."}
"""

SECRETS = ["Siti Aminah", "081234567890", "budi.santoso@example.com", "3578100303790009", "4111111111111111", "482913"]


def test_personal_data_is_masked_in_every_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    flow = tmp_path / "verify.flow.yaml"
    flow.write_text(textwrap.dedent(SECRET_FLOW), encoding="utf-8")
    conversation = {
        "id": "c-081234567890",
        "turns": [
            {"role": "user", "text": "Siti Aminah"},
            {"role": "bot", "text": "Terima kasih Siti Aminah. Nomor HP Anda? (dulu: 081234567890)"},
            {"role": "user", "text": "email budi.santoso@example.com, NIK 3578100303790009"},
            {"role": "user", "text": "kartu 4111111111111111 kode OTP 482913"},
            {"role": "user", "text": "081234567890 ya"},
        ],
    }
    test_file = tmp_path / "verify.test.yaml"
    test_file.write_text(
        textwrap.dedent("""
        flow: verify_identity
        conversations:
          - id: wrong-mother
            turns:
              - user: "Siti Aminah"
                expect: {slots: {mother: "Siti Rahma"}, say_contains: "Bapak"}
    """),
        encoding="utf-8",
    )
    broken = {"id": "broken", "turns": [{"role": "081234567890", "text": "x"}]}  # the reason quotes the role
    path = _write_jsonl(tmp_path / "secret.jsonl", [conversation, broken])
    for fmt in ("text", "json", "junit", "markdown"):
        code, out, err = _run(
            capsys, str(flow), path, str(test_file), "--format", fmt, "--coverage", "--loop-threshold", "2"
        )
        assert code == 1, fmt
        assert "c-[PHONE]" in out or "c-\\[PHONE\\]" in out, fmt
        for secret in [*SECRETS, "Siti Rahma"]:
            assert secret not in out and secret not in err, (fmt, secret)


def test_nothing_to_replay_is_unusable_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, ORDER_FLOW, OTP_JSONL)
    assert code == 2 and "none of the conversations is for flow 'order_status' (they are for otp_login)" in err
    garbage = _write_jsonl(tmp_path / "garbage.jsonl", ["not json", "{]"])
    code, _, err = _run(capsys, ORDER_FLOW, garbage)
    assert code == 2 and "nothing in the input could be read as a conversation" in err


def test_report_to_a_file_leaves_a_summary_on_stderr(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, out, err = _run(capsys, OTP_FLOW, OTP_JSONL, "--format", "json", "-o", str(target))
    assert code == 1 and out == ""
    assert err.strip() == f"alur replay otp_login: 13 conversations, 1 with findings; report written to {target}"
    assert json.loads(target.read_text(encoding="utf-8"))["flow"] == "otp_login"
    code, _, err = _run(capsys, OTP_FLOW, OTP_JSONL, "-o", str(tmp_path / "nowhere" / "r.txt"))
    assert code == 2 and "no such folder" in err
