"""Botium .convo.txt and Chatdown .chat files (fixtures: tests/runner/fixtures/import/botium/, chatdown/)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from alur.runner.findings import SkippedInput
from alur.runner.importers import botium, chatdown
from alur.runner.importers.base import WrongFormat

FIXTURES = Path(__file__).parent / "fixtures" / "import"


def read(module, path: Path, **flags: object) -> tuple[list[dict], list[SkippedInput]]:
    items = list(module.read(path, module.options(argparse.Namespace(**flags))))
    return [i for i in items if isinstance(i, dict)], [i for i in items if isinstance(i, SkippedInput)]


def test_botium_sections_asserters_and_utterances() -> None:
    [convo], _ = read(botium, FIXTURES / "botium" / "cek_pesanan.convo.txt", utterances=None)
    assert convo["id"] == "TC01 - cek pesanan"
    assert convo["turns"] == [
        # the utterance list name is replaced by its first utterance; INTENT on the bot's answer annotates the user turn
        {"role": "user", "text": "mau cek pesanan dong", "utterance": "UTT_CEK_PESANAN", "intent": "check_order"},
        {"role": "bot", "text": "Kirim nomor pesanan Anda (contoh: INV-123456).", "buttons": ["Batal", "Bicara dengan CS"]},
        {"role": "user", "text": "Bicara dengan CS", "intent": "talk_to_human"},  # BUTTON payload|text
        {"role": "bot", "text": "Mohon tunggu, kami hubungkan\ndengan agen kami."},
        {"role": "user", "text": "", "media": "bukti_transfer.jpg"},
    ]


def test_botium_steps_it_cannot_use_are_reported_by_line() -> None:
    path = FIXTURES / "botium" / "cek_pesanan.convo.txt"
    _, skipped = read(botium, path, utterances=None)
    assert [s.source for s in skipped] == [f"{path}:{n}" for n in (15, 26, 29, 31)]
    assert "no text" in skipped[0].reason
    assert "negated" in skipped[1].reason
    assert "#include" in skipped[2].reason
    assert "#customer" in skipped[3].reason


def test_botium_without_a_name_line_and_with_optional_text() -> None:
    [convo], skipped = read(botium, FIXTURES / "botium" / "no_name.convo.txt", utterances=None)
    assert skipped == []
    assert convo == {"id": "no_name", "turns": [{"role": "user", "text": "halo"}, {"role": "bot", "text": "Halo! Ada yang bisa dibantu?"}]}


def test_botium_utterances_from_another_folder(tmp_path: Path) -> None:
    convo = tmp_path / "convos" / "a.convo.txt"
    convo.parent.mkdir()
    convo.write_text("#me\nUTT_HALO\n\n#bot\nHai!\n", encoding="utf-8")
    (tmp_path / "utt").mkdir()
    (tmp_path / "utt" / "halo.utterances.txt").write_text("UTT_HALO\nhalo kak\nhai\n", encoding="utf-8")
    [without], _ = read(botium, convo, utterances=None)
    [with_flag], _ = read(botium, convo, utterances=tmp_path / "utt")
    assert without["turns"][0]["text"] == "UTT_HALO"
    assert with_flag["turns"][0] == {"role": "user", "text": "halo kak", "utterance": "UTT_HALO"}


def test_a_text_file_without_sections_is_not_a_botium_convo(tmp_path: Path) -> None:
    path = tmp_path / "readme.convo.txt"
    path.write_text("just notes\n", encoding="utf-8")
    with pytest.raises(WrongFormat, match="no #me or #bot"):
        read(botium, path, utterances=None)


def test_chatdown_names_commands_cards_and_continuations() -> None:
    [chat], _ = read(chatdown, FIXTURES / "chatdown" / "cek_pesanan.chat")
    assert chat["id"] == "cek_pesanan"
    assert chat["turns"] == [
        {"role": "bot", "text": "Halo! Ada yang bisa dibantu?", "buttons": ["Cek pesanan", "Bicara dengan CS"]},
        # "Budi:" is the user named in the header; "[INV-123456]" is not a command; "tolong:" continues the message
        {"role": "user", "text": "mau cek pesanan [INV-123456]\ntolong: cepat ya"},
        {"role": "bot", "text": "Status pesanan\nPesanan Anda sedang dikirim", "buttons": ["Lacak", "Selesai"], "media": "herocard"},
        {"role": "user", "text": "", "media": "bukti.jpg"},
        {"role": "bot", "text": "Terima kasih!"},  # bot->Budi:
    ]


def test_chatdown_reports_what_it_cannot_use() -> None:
    cek = FIXTURES / "chatdown" / "cek_pesanan.chat"
    stray = FIXTURES / "chatdown" / "stray_header.chat"
    assert [(s.source, s.reason) for s in read(chatdown, cek)[1]] == [
        (f"{cek}:16", "a message with no text, buttons or attachment")
    ]
    conversations, skipped = read(chatdown, stray)
    assert [s.source for s in skipped] == [f"{stray}:1"]
    assert [t["text"] for t in conversations[0]["turns"]] == ["halo", "Halo kak"]


def test_a_file_without_message_lines_is_not_a_chat_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.chat"
    path.write_text("user=Budi\nbot=TokoBot\n", encoding="utf-8")
    with pytest.raises(WrongFormat, match="no message lines"):
        read(chatdown, path)
