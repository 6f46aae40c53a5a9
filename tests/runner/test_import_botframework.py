"""Bot Framework Emulator transcripts (fixtures: tests/runner/fixtures/import/botframework/)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from alur.runner.errors import InputError
from alur.runner.findings import SkippedInput
from alur.runner.importers import botframework
from alur.runner.importers.base import WrongFormat

FIXTURES = Path(__file__).parent / "fixtures" / "import" / "botframework"


def read(path: Path) -> tuple[list[dict], list[SkippedInput]]:
    items = list(botframework.read(path, botframework.options(argparse.Namespace())))
    return [i for i in items if isinstance(i, dict)], [i for i in items if isinstance(i, SkippedInput)]


def test_messages_cards_and_membership_become_turns() -> None:
    path = FIXTURES / "cek_pesanan.transcript"
    [convo], _ = read(path)
    assert convo["id"] == "cek_pesanan"
    assert convo["source"] == f"{path}:2"
    turns = [{k: v for k, v in t.items() if k not in ("line", "time")} for t in convo["turns"]]
    assert turns == [
        {"role": "system", "text": "TokoBot, Budi joined"},
        {"role": "bot", "text": "Halo! Ada yang bisa dibantu?", "buttons": ["Cek pesanan", "Bicara dengan CS"]},
        # the recognizer trace after it says what the bot understood
        {"role": "user", "text": "mau cek pesanan INV-204518", "intent": "check_order"},
        {
            "role": "bot",
            "text": "Pesanan INV-204518\nSedang dikirim, tiba besok.",
            "buttons": ["Lacak", "Selesai"],
            "media": "herocard",
        },
        {"role": "user", "text": "", "media": "bukti.jpg"},
        {
            "role": "bot",
            "text": "Ada lagi yang bisa dibantu?\nPilih salah satu:",
            "buttons": ["Tidak, terima kasih"],
            "media": "adaptivecard",
        },
        {"role": "system", "text": "Budi left"},
        {"role": "system", "text": "conversation ended"},
    ]
    assert convo["turns"][1]["time"] == "2024-05-02T03:10:01.000Z"
    assert [t["line"] for t in convo["turns"][:3]] == [2, 12, 25]


def test_activities_that_are_not_messages_are_reported_by_line() -> None:
    path = FIXTURES / "cek_pesanan.transcript"
    _, skipped = read(path)
    assert [(s.source, s.reason.split(":")[0]) for s in skipped] == [
        (f"{path}:43", "a typing indicator, not a message"),
        (f"{path}:88", "activity of type 'event'"),
        (f"{path}:95", "a card submission with no text (only its value)"),
    ]


def test_without_roles_the_bot_is_the_sender_that_replies_and_each_conversation_id_is_one_conversation() -> None:
    path = FIXTURES / "no_roles.transcript"
    conversations, skipped = read(path)
    assert [c["id"] for c in conversations] == ["no_roles-0001", "no_roles-0002"]
    assert [[t["role"] for t in c["turns"]] for c in conversations] == [["user", "bot", "user"], ["user", "bot"]]
    assert [c["source"] for c in conversations] == [f"{path}:2", f"{path}:5"]
    assert [s.source for s in skipped] == [f"{path}:7"]  # no sender at all
    assert "sender is unknown" in skipped[0].reason


def test_a_json_file_that_is_not_an_array_is_not_a_transcript(tmp_path: Path) -> None:
    path = tmp_path / "settings.transcript"
    path.write_text('{"theme": "dark"}', encoding="utf-8")
    with pytest.raises(WrongFormat, match="not a JSON array of activities"):
        read(path)


def test_broken_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "cut.transcript"
    path.write_text('[\n  {"type": "message", "text": "halo"},\n  {"type": "message", "text": \n', encoding="utf-8")
    with pytest.raises(InputError, match=rf"{path}:4:1: not valid JSON"):
        read(path)
    path.write_text('[\n  {"type": "message"}\n  {"type": "message"}\n]', encoding="utf-8")
    with pytest.raises(InputError, match=rf"{path}:3:3: not valid JSON: expected ',' or ']'"):
        read(path)
