"""How `alur replay` and `alur explore` number the excerpt under a finding: a
reader must find every numbered line in the transcript (the index in the
conversation's `turns`, as `alur audit` numbers), the bot's replayed answers
are marked `·` under the customer turn they answer, and exactly one line
carries `>`: the finding's customer turn."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from alur.runner.cli import main
from alur.runner.findings import ConversationResult, ExcerptTurn, Finding, Report
from alur.runner.reports import renderer

ROOT = Path(__file__).resolve().parents[2]
OTP_FLOW = str(ROOT / "examples" / "otp_login.flow.yaml")
CYCLE_FLOW = str(ROOT / "examples" / "broken" / "explore" / "cycle_without_exit.flow.yaml")

# a system turn first, a recorded greeting, two recorded bot bubbles in a row
# and a system turn between customer turns: user turns are at 2, 5, 7, 10, 12
# and 14, so counting customer turns or pairs of turns gives other numbers
TURNS = [
    ("system", "session opened from SMS keyword"),
    ("bot", "Hi! Type LOGIN."),
    ("user", "LOGIN"),
    ("bot", "Reply with your phone number."),
    ("bot", "(a second recorded bubble)"),
    ("user", "081355550123"),
    ("bot", "We sent a code."),
    ("user", "no code yet"),
    ("system", "sms gateway retry"),
    ("bot", "New code sent."),
    ("user", "still no code"),
    ("bot", "New code sent."),
    ("user", "code never came!!"),  # the 3rd "New code sent" of the flow answers this: a loop
    ("bot", "New code sent."),
    ("user", "halo??"),  # after the finding: not in its excerpt
    ("bot", "New code sent."),
]
FINDING_TURN = 12
USER_TURNS = [i for i, (role, _) in enumerate(TURNS) if role == "user"]
LINE = re.compile(r"^  ([> ]) +(\d+|·) \| (user|bot) +(.*)$")


def _conversation(tmp_path: Path) -> str:
    record = {
        "id": "mid-1",
        "flow": "otp_login",
        "actions": {"send_otp": ["sent"] * 5},
        "turns": [{"role": role, "text": text} for role, text in TURNS],
    }
    path = tmp_path / "mid.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return str(path)


def _excerpt(text: str) -> list[tuple[str, str, str, str]]:
    """(marker, number, role, text) of every excerpt line in a report."""
    return [m.groups() for m in map(LINE.match, text.splitlines()) if m]  # type: ignore[misc]


def _replay(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["replay", OTP_FLOW, *args, "--no-drift"]) == 1
    return capsys.readouterr().out


def _check_numbering(lines: list[tuple[str, str, str, str]], shown_users: list[int]) -> None:
    users = [(int(number), text) for _, number, role, text in lines if role == "user"]
    assert [index for index, _ in users] == shown_users
    assert all(text == TURNS[index][1] or "[PHONE]" in text for index, text in users)
    assert all(number == "·" for _, number, role, _ in lines if role == "bot")
    marked = [line for line in lines if line[0] == ">"]
    assert marked == [(">", str(FINDING_TURN), "user", "code never came!!")]
    after = lines.index(marked[0]) + 1
    assert (
        lines[after][1:3] == ("·", "bot") and "New code sent" in lines[after][3]
    )  # the answer that looped, right under it


def test_text_report_numbers_customer_turns_by_their_index_in_the_transcript(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _replay(capsys, _conversation(tmp_path), "--excerpt-turns", "9")
    assert f"(mid-1, turn {FINDING_TURN}, state ask_new_otp)" in out
    lines = _excerpt(out)
    _check_numbering(lines, [i for i in USER_TURNS if i <= FINDING_TURN])
    # the excerpt reaches the start: the flow's opening comes first, un-numbered, not the recorded greeting
    assert lines[0][1:3] == ("·", "bot") and "reply LOGIN to sign in" in lines[0][3]
    assert "halo??" not in out and out.count("\n  >") == 1


@pytest.mark.parametrize("fmt", ["markdown", "junit"])
def test_markdown_and_junit_number_the_excerpt_the_same_way(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _replay(capsys, _conversation(tmp_path), "--format", fmt)
    if fmt == "junit":
        failure = ET.fromstring(out[: out.rindex("</testsuites>") + len("</testsuites>")]).find(".//failure")
        assert failure is not None
        out = failure.text or ""
    lines = _excerpt(out)
    _check_numbering(lines, [5, 7, 10, 12])  # --excerpt-turns 3: three customer turns before the finding's
    assert "reply LOGIN to sign in" not in out  # the opening is not shown when the excerpt starts later


def test_a_finding_on_a_turn_the_replay_never_reached_still_marks_that_turn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the opening runs an action whose outcome no route takes: a dead end at the
    # opening, reported at the first customer turn, which an agent answered instead
    flow = tmp_path / "stuck.flow.yaml"
    flow.write_text(
        "alur: 1\nflow: stuck\nstart: lookup\n"
        "states:\n"
        '  lookup: {action: lookup_order, say: "Sebentar, kami cek dulu ya.", on: {found: done}}\n'
        '  done: {end: true, say: "Selesai."}\n',
        encoding="utf-8",
    )
    record = {
        "id": "s-1",
        "actions": {"lookup_order": ["missing"]},
        "turns": [
            {"role": "system", "text": "start"},
            {"role": "agent", "text": "Halo, saya Rina."},
            {"role": "user", "text": "nomor saya 081234567890"},
        ],
    }
    transcript = tmp_path / "s.jsonl"
    transcript.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert main(["replay", str(flow), str(transcript)]) == 1
    out = capsys.readouterr().out
    assert "dead_end" in out and "(s-1, turn 2, state lookup)" in out
    assert _excerpt(out) == [
        (" ", "·", "bot", "Sebentar, kami cek dulu ya."),
        (">", "2", "user", "nomor saya [PHONE]"),
    ]


def test_explore_numbers_a_trap_by_the_turns_of_the_conversation_it_generated(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["explore", CYCLE_FLOW]) == 1
    out = capsys.readouterr().out
    turn = int(re.search(r"loop: .*, turn (\d+), state", out).group(1))  # type: ignore[union-attr]
    lines = _excerpt(out)
    users = [int(number) for _, number, role, _ in lines if role == "user"]
    assert users == list(range(turn + 1))  # the generated conversation holds only customer turns
    assert all(number == "·" for _, number, role, _ in lines if role == "bot")
    assert [(marker, number, role) for marker, number, role, _ in lines if marker == ">"] == [(">", str(turn), "user")]
    assert lines[0][2] == "bot" and lines[-1][2] == "bot"  # opening first, the looping answer last


def test_a_shorter_excerpt_keeps_each_shown_turn_with_its_replayed_answers() -> None:
    excerpt = (
        ExcerptTurn(None, "bot", "Halo kak! Mau cek pesanan?"),
        ExcerptTurn(1, "user", "p"),
        ExcerptTurn(None, "bot", "Maaf, belum paham."),
        ExcerptTurn(2, "user", "blm bisa masuk nih"),
        ExcerptTurn(None, "bot", "Maaf, belum paham."),
        ExcerptTurn(None, "bot", "Ketik CS untuk bicara dengan agen."),
    )
    report = Report("f", [ConversationResult("c-1", [Finding("loop", 2, "menu", "m", excerpt)], "x.jsonl:1")])
    out = io.StringIO()
    renderer("text", excerpt_turns=0).render(report, out)
    assert _excerpt(out.getvalue()) == [
        (">", "2", "user", "blm bisa masuk nih"),
        (" ", "·", "bot", "Maaf, belum paham."),
        (" ", "·", "bot", "Ketik CS untuk bicara dengan agen."),
    ]
